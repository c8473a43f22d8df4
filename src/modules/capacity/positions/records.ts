// What an official's capacity record holds besides the position: assessments of held levels (the official's own
// or a leader's, all kept) and certificates (added, revoked, and listed when they near expiry). Every change is
// one transaction with its audit entry.
import type { z } from 'zod';
import type { AppContext } from '../../../context.js';
import { AppError, badInput, conflict, forbidden, notFound } from '../../../errors.js';
import { isoVn } from '../../../http/time.js';
import { appendAudit, chainForUnit } from '../../audit/chain.js';
import { addDays } from '../../calendar/time.js';
import { findGrant, rolesAt, type Actor } from '../../people/actor.js';
import type { UnitInfo } from '../../units/directory.js';
import { capacityScope, CAPACITY_LEADERS, requireOfficialAccess, requireUnitLeader } from '../access.js';
import { isSuperseded } from './domain.js';
import type { NewAssessment, NewCertificate, Revocation } from './schemas.js';
import { checkCompetencies, refusingDuplicates, todayOf } from './service.js';
import { certificatesExpiringBy, certificatesOfAccounts, findCertificate, publicCertificate, type CertificateRow } from './store.js';

/** Whose record is written, and as whom: the official themself, or a leader of their unit. */
async function writer(ctx: AppContext, actor: Actor, accountId: number) {
  const access = await requireOfficialAccess(ctx, actor, accountId);
  if (!access.unitId) {
    throw forbidden({ vi: 'Tài khoản này không là cán bộ của đơn vị nào nên không có hồ sơ năng lực.', en: 'This account is not an official of any unit, so it has no capacity record.' });
  }
  const role = access.self
    ? (rolesAt(actor, access.unitId, ctx.units)[0] ?? 'official')
    : findGrant(actor, CAPACITY_LEADERS, access.unitId, ctx.units)!.role;
  return { ...access, role };
}

export async function addAssessment(ctx: AppContext, actor: Actor, accountId: number, input: z.infer<typeof NewAssessment>) {
  const w = await writer(ctx, actor, accountId);
  await checkCompetencies(ctx.db, ctx.units.covered(w.unitId), [input.competencyId], () => 'body.competencyId');
  // A leader assessing themselves records a self-assessment: nobody raises their own level as a leader.
  const source = w.self ? 'self' : 'leader';
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('competency_assessments')
      .values({
        account_id: accountId,
        unit_id: w.unitId,
        competency_id: input.competencyId,
        level: input.level,
        source,
        note: input.note ?? null,
        assessed_by: actor.accountId,
        assessed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(w.unitId),
      at: now,
      actorId: actor.accountId,
      actorRole: w.role,
      action: 'competency.assessed',
      entity: 'competency_assessment',
      entityId: String(row.id),
      details: { accountId, competencyId: input.competencyId, level: input.level, source },
    });
    return { id: Number(row.id), accountId, competencyId: input.competencyId, level: input.level, source, assessedAt: isoVn(now) };
  });
}

export async function addCertificate(ctx: AppContext, actor: Actor, accountId: number, input: z.infer<typeof NewCertificate>) {
  const w = await writer(ctx, actor, accountId);
  const today = todayOf(ctx);
  if (input.issuedOn > today) {
    throw badInput('body.issuedOn', { vi: `Ngày cấp không được sau hôm nay (${today}).`, en: `The issue date cannot be after today (${today}).` });
  }
  if (input.competencyId != null) await checkCompetencies(ctx.db, ctx.units.covered(w.unitId), [input.competencyId], () => 'body.competencyId');
  const taken = () =>
    new AppError('conflict', { vi: `Mã xác thực "${input.verificationCode}" đã được ghi cho chứng chỉ khác.`, en: `The verification code "${input.verificationCode}" belongs to another certificate.` }, { field: 'body.verificationCode' });
  const work = ctx.db.transaction().execute(async (tx) => {
    if (input.verificationCode) {
      const dup = await tx.selectFrom('certificates').select('id').where('verification_code', '=', input.verificationCode).executeTakeFirst();
      if (dup) throw taken();
    }
    const row = await tx
      .insertInto('certificates')
      .values({
        account_id: accountId,
        unit_id: w.unitId,
        kind: input.kind,
        name: input.name,
        issuer: input.issuer,
        issued_on: input.issuedOn,
        expires_on: input.expiresOn ?? null,
        verification_code: input.verificationCode ?? null,
        competency_id: input.competencyId ?? null,
        level: input.level ?? null,
        created_by: actor.accountId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(tx, {
      chain: chainForUnit(w.unitId),
      at: ctx.clock.now(),
      actorId: actor.accountId,
      actorRole: w.role,
      action: 'certificate.added',
      entity: 'certificate',
      entityId: String(row.id),
      details: { accountId, kind: input.kind, name: input.name, issuedOn: input.issuedOn, expiresOn: input.expiresOn ?? null },
    });
    return publicCertificate((await findCertificate(tx, Number(row.id), today))!);
  });
  return refusingDuplicates(work, taken);
}

export async function revokeCertificate(ctx: AppContext, actor: Actor, id: number, input: z.infer<typeof Revocation>) {
  const today = todayOf(ctx);
  const cert = await findCertificate(ctx.db, id, today);
  if (!cert) throw notFound({ vi: `chứng chỉ số ${id}`, en: `certificate ${id}` });
  const grant = requireUnitLeader(ctx, actor, cert.unitId);
  return ctx.db.transaction().execute(async (tx) => {
    const done = await tx
      .updateTable('certificates')
      .set({ revoked_at: ctx.clock.now() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning('id')
      .executeTakeFirst();
    if (!done) throw conflict({ vi: `Chứng chỉ "${cert.name}" đã bị thu hồi trước đó.`, en: `Certificate "${cert.name}" was already revoked.` });
    await appendAudit(tx, {
      chain: chainForUnit(cert.unitId),
      at: ctx.clock.now(),
      actorId: actor.accountId,
      actorRole: grant.role,
      action: 'certificate.revoked',
      entity: 'certificate',
      entityId: String(id),
      details: { accountId: cert.accountId, name: cert.name, reason: input.reason },
    });
    return publicCertificate((await findCertificate(tx, id, today))!);
  });
}

// ---- expiring certificates ---------------------------------------------------------------------------------

/** The communes a scope covers (merged units fold into their successor), by name. */
export function communesOf(ctx: AppContext, unitIds: number[]): UnitInfo[] {
  return unitIds
    .map((id) => ctx.units.byId(id))
    .filter((u): u is UnitInfo => !!u && u.kind !== 'province' && !u.mergedIntoId)
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

export const communeOf = (ctx: AppContext, unitId: number): number => ctx.units.successor(unitId)?.id ?? unitId;

/** Certificates of the units that expire within `days` or have expired, leaving out the ones already renewed. */
async function alertingCertificates(ctx: AppContext, unitIds: number[], days: number): Promise<CertificateRow[]> {
  const today = todayOf(ctx);
  const rows = await certificatesExpiringBy(ctx.db, unitIds, addDays(today, days), today);
  const all = await certificatesOfAccounts(ctx.db, rows.map((r) => r.accountId), today);
  const toAlert = (c: CertificateRow) => ({ ...c, competencyId: c.competency?.id ?? null, revoked: c.status === 'revoked' });
  return rows.filter((r) => !isSuperseded(toAlert(r), all.filter((a) => a.accountId === r.accountId).map(toAlert)));
}

export async function expiringCertificates(ctx: AppContext, actor: Actor, unitCode: string, days: number) {
  const scope = capacityScope(ctx, actor, unitCode);
  const rows = await alertingCertificates(ctx, scope.unitIds, days);
  if (scope.kind === 'aggregate') {
    const communes = communesOf(ctx, scope.unitIds).map((u) => ({ id: u.id, code: u.code, name: u.name, expiring: 0, expired: 0 }));
    const byId = new Map(communes.map((c) => [c.id, c]));
    for (const r of rows) {
      const c = byId.get(communeOf(ctx, r.unitId));
      if (c) c[r.status === 'expired' ? 'expired' : 'expiring']++;
    }
    return { scope: 'aggregate' as const, days, communes: communes.map(({ id: _id, ...c }) => c) };
  }
  return { scope: 'unit' as const, days, items: rows.map((r) => ({ certificate: publicCertificate(r), official: { id: r.accountId, fullName: r.fullName } })) };
}
