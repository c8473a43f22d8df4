// A remote-signing service in the manner of VNPT SmartCA or Viettel MySign: the signer's key never leaves the
// service; the client lists a user's credentials (certificates), sends the SHA-256 hash to sign, and the user
// confirms on a phone app; the client polls the transaction until it is approved, rejected or expired.
//
// Contract (JSON over HTTP, HTTP Basic auth with the client id and secret):
//   POST /credentials/list { userId }               → { credentials: [{ credentialId, status, certificate, chain, subject, issuer, validFrom, validTo }] }
//   POST /signatures { credentialId, hashAlgorithm: "SHA-256", hash, description }
//        hash: base64 of the 32-byte SHA-256 of the data to sign (for PAdES: the DER signed attributes).
//        The service signs it with RSASSA-PKCS1-v1_5 (it wraps the hash in a DigestInfo itself).
//                                                   → 201 { transactionId, expiresIn (seconds) }
//   GET  /signatures/{transactionId}                → { transactionId, status: "pending" | "approved" | "rejected" | "expired",
//                                                       signature?, certificate?, chain?, reason? }  (base64 DER)
//   POST /_sim/approve/{id}, /_sim/reject/{id} { reason? }, /_sim/expire/{id}: what the user's phone does.
//   GET  /_sim/transactions: the pending requests (for the demo).
// Certificates are DER in base64. The simulator makes its own CA and user certificates at start (pkijs), so
// they change on every start: nothing is journalled.
import crypto from 'node:crypto';
import { createSimulatorApp, type RunningSimulator, type SimulatorOptions } from './base.js';
import { createDemoCa, describeCertificate, issueSigningCertificate, type DistinguishedName, type Issued } from '../modules/signatures/certificates.js';
import { signDigestWithKey } from '../modules/signatures/cms.js';

export interface SimulatedUser {
  userId: string;
  subject: DistinguishedName;
}

export interface SigningSimulatorOptions extends SimulatorOptions {
  clientId?: string;
  secret?: string;
  /** Approve every request after this many milliseconds, as if the user always confirmed (the demo). */
  autoApproveMs?: number;
  /** How long a request waits for the user; 300 s like the real services. */
  expiresInSeconds?: number;
  users?: SimulatedUser[];
  /** When the subscribers' certificates were issued (their notBefore); a year ago by default. */
  issuedAt?: Date;
}

type Status = 'pending' | 'approved' | 'rejected' | 'expired';

interface Transaction {
  id: string;
  credentialId: string;
  hash: Buffer;
  description: string;
  status: Status;
  createdAt: number;
  expiresAt: number;
  signature?: Buffer;
  reason?: string;
}

interface Credential {
  credentialId: string;
  userId: string;
  issued: Issued;
}

/** The demo communes' organisation certificates, as the service would have enrolled them. */
export const DEMO_SIGNING_USERS: SimulatedUser[] = [
  { userId: 'ubnd-20122', subject: { commonName: 'UBND xã Vinh Lộc', organisation: 'UBND xã Vinh Lộc', province: 'Thành phố Huế' } },
  { userId: 'ubnd-19942', subject: { commonName: 'UBND xã Phú Vang', organisation: 'UBND xã Phú Vang', province: 'Thành phố Huế' } },
  { userId: 'ubnd-19885', subject: { commonName: 'UBND xã Đan Điền', organisation: 'UBND xã Đan Điền', province: 'Thành phố Huế' } },
];

export async function startSigningSimulator(options: SigningSimulatorOptions = {}): Promise<
  RunningSimulator & { ca: Buffer; credentials: Credential[]; approve(id: string): boolean; reject(id: string, reason?: string): boolean; pending(): string[] }
> {
  const clientId = options.clientId ?? 'motcua';
  const secret = options.secret ?? 'motcua-demo-signing-secret';
  const expiresIn = options.expiresInSeconds ?? 300;
  const now = new Date();
  // The service's subscribers got their certificates a while ago (a year by default), so a MotCua whose clock
  // runs a little behind the service's, as the tests' fixed clock does, still finds them valid.
  const issuedAt = options.issuedAt ?? new Date(now.getTime() - 365 * 86_400_000);
  const ca = await createDemoCa(now, 'Simulated Remote Signing CA', issuedAt);
  const credentials: Credential[] = await Promise.all(
    (options.users ?? DEMO_SIGNING_USERS).map(async (u) => ({ credentialId: crypto.randomUUID(), userId: u.userId, issued: await issueSigningCertificate(ca, u.subject, now, 3, issuedAt) })),
  );
  const transactions = new Map<string, Transaction>();
  const { app, faults, listen } = createSimulatorApp('signing', options);
  const expected = `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`;

  const refresh = (t: Transaction) => {
    if (t.status === 'pending' && Date.now() > t.expiresAt) t.status = 'expired';
    return t;
  };
  const approve = (id: string): boolean => {
    const t = transactions.get(id);
    if (!t || refresh(t).status !== 'pending') return false;
    const c = credentials.find((x) => x.credentialId === t.credentialId)!;
    t.signature = signDigestWithKey(c.issued.privateKey, t.hash);
    t.status = 'approved';
    return true;
  };
  const reject = (id: string, reason = 'Người ký từ chối trên ứng dụng'): boolean => {
    const t = transactions.get(id);
    if (!t || refresh(t).status !== 'pending') return false;
    t.status = 'rejected';
    t.reason = reason;
    return true;
  };

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.startsWith('/_sim')) return;
    if (req.headers.authorization !== expected) return reply.status(401).send({ error: 'unauthorized', message: 'Sai thông tin xác thực ứng dụng (client id / secret)' });
  });

  app.post<{ Body: { userId?: unknown } }>('/credentials/list', async (req, reply) => {
    const userId = req.body?.userId;
    if (typeof userId !== 'string' || !userId) return reply.status(400).send({ error: 'bad_request', message: 'userId is required' });
    return {
      credentials: credentials
        .filter((c) => c.userId === userId)
        .map((c) => {
          const info = describeCertificate(c.issued.certificate);
          return {
            credentialId: c.credentialId,
            status: 'valid',
            certificate: c.issued.certificate.toString('base64'),
            chain: [ca.certificate.toString('base64')],
            subject: info.subject,
            issuer: info.issuer,
            validFrom: info.notBefore.toISOString(),
            validTo: info.notAfter.toISOString(),
          };
        }),
    };
  });

  app.post<{ Body: { credentialId?: unknown; hashAlgorithm?: unknown; hash?: unknown; description?: unknown } }>('/signatures', async (req, reply) => {
    const b = req.body ?? {};
    const credential = credentials.find((c) => c.credentialId === b.credentialId);
    if (!credential) return reply.status(404).send({ error: 'unknown_credential', message: 'Không tìm thấy chứng thư số' });
    if (b.hashAlgorithm !== 'SHA-256') return reply.status(400).send({ error: 'bad_request', message: 'hashAlgorithm must be SHA-256' });
    const hash = typeof b.hash === 'string' ? Buffer.from(b.hash, 'base64') : Buffer.alloc(0);
    if (hash.length !== 32) return reply.status(400).send({ error: 'bad_request', message: 'hash must be the base64 of 32 bytes' });
    const t: Transaction = {
      id: crypto.randomUUID(),
      credentialId: credential.credentialId,
      hash,
      description: typeof b.description === 'string' ? b.description.slice(0, 500) : '',
      status: 'pending',
      createdAt: Date.now(),
      expiresAt: Date.now() + expiresIn * 1000,
    };
    transactions.set(t.id, t);
    if (options.autoApproveMs !== undefined) setTimeout(() => approve(t.id), options.autoApproveMs).unref();
    return reply.status(201).send({ transactionId: t.id, expiresIn });
  });

  app.get<{ Params: { id: string } }>('/signatures/:id', async (req, reply) => {
    const t = transactions.get(req.params.id);
    if (!t) return reply.status(404).send({ error: 'not_found', message: 'Không có giao dịch ký này' });
    refresh(t);
    const c = credentials.find((x) => x.credentialId === t.credentialId)!;
    return {
      transactionId: t.id,
      status: t.status,
      ...(t.status === 'approved'
        ? { signature: t.signature!.toString('base64'), certificate: c.issued.certificate.toString('base64'), chain: [ca.certificate.toString('base64')] }
        : {}),
      ...(t.reason ? { reason: t.reason } : {}),
    };
  });

  app.post<{ Params: { id: string } }>('/_sim/approve/:id', async (req, reply) => (approve(req.params.id) ? { status: 'approved' } : reply.status(409).send({ error: 'not_pending' })));
  app.post<{ Params: { id: string }; Body: { reason?: string } }>('/_sim/reject/:id', async (req, reply) =>
    reject(req.params.id, req.body?.reason) ? { status: 'rejected' } : reply.status(409).send({ error: 'not_pending' }),
  );
  app.post<{ Params: { id: string } }>('/_sim/expire/:id', async (req, reply) => {
    const t = transactions.get(req.params.id);
    if (!t || t.status !== 'pending') return reply.status(409).send({ error: 'not_pending' });
    t.status = 'expired';
    return { status: 'expired' };
  });
  app.get('/_sim/transactions', async () => ({
    pending: [...transactions.values()].filter((t) => refresh(t).status === 'pending').map((t) => ({ transactionId: t.id, credentialId: t.credentialId, description: t.description })),
  }));

  const running = await listen();
  return {
    ...running,
    faults,
    ca: ca.certificate,
    credentials,
    approve,
    reject,
    pending: () => [...transactions.values()].filter((t) => refresh(t).status === 'pending').map((t) => t.id),
  };
}
