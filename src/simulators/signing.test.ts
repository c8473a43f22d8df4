// The remote-signing simulator and our client against it, over real HTTP: a hash signed after the phone
// approves (and the PAdES result valid for pdfsig), a refusal, an expiry, our own timeout, faults, bad auth.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCertificate } from '../modules/signatures/certificates.js';
import { signPdf } from '../modules/signatures/pades.js';
import { RemoteSigningClient, RemoteSigningError, remoteProvider, type RemoteCredential } from '../modules/signatures/remote-signing-client.js';
import { checkPdfSignatures, intact } from '../modules/signatures/verify.js';
import { pdfsig, samplePdf } from '../modules/signatures/test-fixtures.js';
import { startSigningSimulator } from './signing.js';
import crypto from 'node:crypto';

type Sim = Awaited<ReturnType<typeof startSigningSimulator>>;
let sim: Sim;
let client: RemoteSigningClient;
let credential: RemoteCredential;
const FAST = { intervalMs: 20, maxIntervalMs: 60, timeoutMs: 5000 };

/** Waits until the simulator holds a pending request (the client has sent it). */
async function nextPending(before: string[]): Promise<string> {
  for (let i = 0; i < 500; i++) {
    const id = sim.pending().find((p) => !before.includes(p));
    if (id) return id;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no pending request');
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'none';
  } catch (e) {
    return e instanceof RemoteSigningError ? e.kind : `other: ${(e as Error).message}`;
  }
}

beforeAll(async () => {
  sim = await startSigningSimulator({ users: [{ userId: 'ubnd-20122', subject: { commonName: 'UBND xã Vinh Lộc', organisation: 'UBND xã Vinh Lộc' } }] });
  client = new RemoteSigningClient({ url: sim.url, clientId: 'motcua', secret: 'motcua-demo-signing-secret' }, FAST);
  credential = (await client.listCredentials('ubnd-20122'))[0]!;
});
afterAll(async () => sim?.close());

describe('remote signing', () => {
  it('lists the user’s credential with its certificate and chain; nothing for an unknown user', async () => {
    expect(describeCertificate(credential.certificate).commonName).toBe('UBND xã Vinh Lộc');
    expect(credential.chain[0]!.equals(sim.ca)).toBe(true);
    expect(await client.listCredentials('khong-co')).toEqual([]);
  });

  it('signs the hash once the phone approves, and the PAdES file it makes is valid for pdfsig', async () => {
    const before = sim.pending();
    const provider = remoteProvider(client, credential, 'Ký kết quả hồ sơ thử');
    const signing = signPdf(await samplePdf(), provider, { signingTime: new Date('2026-11-23T02:00:00Z'), name: 'UBND xã Vinh Lộc', reason: 'Ký số', location: 'Vinh Lộc' });
    const id = await nextPending(before);
    expect(sim.approve(id)).toBe(true);
    const signed = await signing;
    expect(intact(checkPdfSignatures(signed)[0]!)).toBe(true);
    const out = pdfsig(signed);
    expect(out).toContain('Signature is Valid');
    expect(out).toContain('Signer Certificate Common Name: UBND xã Vinh Lộc');
  });

  it('a rejection on the phone is an error of kind "rejected"', async () => {
    const before = sim.pending();
    const p = failure(client.signHash(credential.credentialId, crypto.randomBytes(32), 'x'));
    sim.reject(await nextPending(before));
    expect(await p).toBe('rejected');
  });

  it('a request that expires at the service is "expired"', async () => {
    const before = sim.pending();
    const p = failure(client.signHash(credential.credentialId, crypto.randomBytes(32), 'x'));
    const id = await nextPending(before);
    const res = await fetch(`${sim.url}/_sim/expire/${id}`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await p).toBe('expired');
  });

  it('nobody answering within our own deadline is "timeout", and the request stays unanswered', async () => {
    const patient = new RemoteSigningClient({ url: sim.url, clientId: 'motcua', secret: 'motcua-demo-signing-secret' }, { intervalMs: 20, maxIntervalMs: 40, timeoutMs: 200 });
    expect(await failure(patient.signHash(credential.credentialId, crypto.randomBytes(32), 'x'))).toBe('timeout');
  });

  it('retries a 503 when starting, and keeps polling through a 503', async () => {
    sim.faults.failNext = 2;
    const before = sim.pending();
    const p = client.signHash(credential.credentialId, crypto.randomBytes(32), 'x');
    const id = await nextPending(before);
    sim.faults.failNext = 1;
    sim.approve(id);
    const r = await p;
    expect(r.signature).toHaveLength(256);
  });

  it('wrong client credentials are "unauthorised"; an unknown credential id is "unknown_credential"', async () => {
    const stranger = new RemoteSigningClient({ url: sim.url, clientId: 'motcua', secret: 'sai' }, FAST);
    expect(await failure(stranger.listCredentials('ubnd-20122'))).toBe('unauthorised');
    expect(await failure(client.signHash('no-such-credential', crypto.randomBytes(32), 'x'))).toBe('unknown_credential');
  });

  it('a signature by another key than the registered certificate is refused', async () => {
    const other = await startSigningSimulator({ users: [{ userId: 'ubnd-20122', subject: { commonName: 'UBND xã Vinh Lộc' } }], autoApproveMs: 0 });
    try {
      const otherClient = new RemoteSigningClient({ url: other.url, clientId: 'motcua', secret: 'motcua-demo-signing-secret' }, FAST);
      const [otherCred] = await otherClient.listCredentials('ubnd-20122');
      // The service answers with its own certificate, not the one we registered: not our signature.
      const provider = remoteProvider(otherClient, { ...otherCred!, certificate: credential.certificate }, 'x');
      expect(await failure(provider.signDigest(crypto.randomBytes(32)))).toBe('bad_response');
      // With the right certificate, auto-approval (the demo mode) signs without anyone touching a phone.
      const ok = remoteProvider(otherClient, otherCred!, 'x');
      expect((await ok.signDigest(crypto.randomBytes(32))).length).toBe(256);
    } finally {
      await other.close();
    }
  });
});
