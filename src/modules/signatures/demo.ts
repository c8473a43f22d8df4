// The demo's signing certificates, made at seed time with pkijs (no openssl needed): one "MotCua Demo CA" and a
// certificate for each demo commune, CN "UBND xã …", the key sealed like an uploaded one. The CA's key is not
// kept: nobody can issue more certificates under it later. Its certificate is kept in instance_settings.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { unitHeader } from '../dossiers/forms.js';
import { createDemoCa, describeCertificate, issueSigningCertificate, type Issued } from './certificates.js';
import { seal } from './keyring.js';

/** Demo history starts with the 2025 reform; certificates are valid from then so back-dated demos can sign. */
const DEMO_VALID_FROM = new Date('2025-07-01T00:00:00+07:00');

export async function seedDemoCertificates(db: Kysely<DB>, unitCodes: readonly string[], now: Date): Promise<number> {
  const units = await db
    .selectFrom('units as u')
    .leftJoin('units as p', 'p.id', 'u.parent_id')
    .select(['u.id', 'u.code', 'u.name', 'p.name as province'])
    .where('u.code', 'in', [...unitCodes])
    .where((eb) => eb.not(eb.exists(eb.selectFrom('unit_certificates as c').select('c.id').whereRef('c.unit_id', '=', 'u.id').where('c.active', '=', true))))
    .execute();
  if (!units.length) return 0;
  const from = now > DEMO_VALID_FROM ? DEMO_VALID_FROM : new Date(now.getTime() - 86_400_000);
  const ca: Issued = await createDemoCa(now, 'MotCua Demo CA', from);
  // Keys are made in parallel (libuv's pool): a few hundred milliseconds for the three demo communes.
  const issued = await Promise.all(
    units.map(async (u) => {
      const cn = unitHeader(u.name).parentName ?? u.name;
      const cert = await issueSigningCertificate(ca, { commonName: cn, organisation: cn, ...(u.province ? { province: u.province } : {}) }, now, 5, from);
      return { unit: u, cert, sealed: await seal(db, cert.privateKey.export({ type: 'pkcs8', format: 'der' })) };
    }),
  );
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('instance_settings')
      .values({ key: 'demo_signing_ca', value: JSON.stringify(ca.certificate.toString('base64')), updated_at: now })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(ca.certificate.toString('base64')), updated_at: now }))
      .execute();
    for (const { unit, cert, sealed } of issued) {
      const info = describeCertificate(cert.certificate);
      await tx
        .insertInto('unit_certificates')
        .values({
          unit_id: unit.id,
          kind: 'pkcs12',
          subject: info.subject,
          common_name: info.commonName,
          issuer: info.issuer,
          serial: info.serial,
          not_before: info.notBefore,
          not_after: info.notAfter,
          certificate: cert.certificate,
          chain: JSON.stringify([ca.certificate.toString('base64')]),
          fingerprint: info.fingerprint,
          key_sealed: sealed,
          created_at: now,
        })
        .execute();
    }
  });
  return issued.length;
}
