// Client of a remote-signing service (VNPT SmartCA / Viettel MySign style; contract in src/simulators/signing.ts):
// list a user's certificates, send a hash, poll with backoff until the user approves on the phone, rejects, or
// the request expires or our own patience runs out. Every failure is a RemoteSigningError with a kind.
import crypto, { X509Certificate } from 'node:crypto';
import { SHA256_DIGEST_INFO_PREFIX, type SignatureProvider } from './cms.js';

export type RemoteFailure = 'rejected' | 'expired' | 'timeout' | 'unavailable' | 'unauthorised' | 'unknown_credential' | 'bad_response';

export class RemoteSigningError extends Error {
  constructor(readonly kind: RemoteFailure, detail: string) {
    super(detail);
    this.name = 'RemoteSigningError';
  }
}

export interface RemoteCredential {
  credentialId: string;
  status: string;
  certificate: Buffer;
  chain: Buffer[];
}

export interface RemoteSigningConfig {
  url: string;
  clientId: string;
  secret: string;
}

export interface PollOptions {
  /** First wait between polls; grows by half each time up to `maxIntervalMs`. */
  intervalMs?: number;
  maxIntervalMs?: number;
  /** Give up after this long (the service's own expiry is usually 5 minutes). */
  timeoutMs?: number;
}

const DEFAULT_POLL: Required<PollOptions> = { intervalMs: 1000, maxIntervalMs: 5000, timeoutMs: 180_000 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RemoteSigningClient {
  private readonly auth: string;
  constructor(
    private readonly config: RemoteSigningConfig,
    private readonly poll: PollOptions = {},
  ) {
    this.auth = `Basic ${Buffer.from(`${config.clientId}:${config.secret}`).toString('base64')}`;
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
    let res: Response;
    try {
      res = await fetch(`${this.config.url}${path}`, {
        method,
        headers: { authorization: this.auth, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(15_000),
      });
    } catch (e) {
      throw new RemoteSigningError('unavailable', `signing service unreachable: ${(e as Error).message}`);
    }
    const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
    if (res.status === 401 || res.status === 403) throw new RemoteSigningError('unauthorised', 'the signing service refused our client credentials');
    if (res.status >= 500) throw new RemoteSigningError('unavailable', `signing service answered ${res.status}`);
    return { status: res.status, json };
  }

  async listCredentials(userId: string): Promise<RemoteCredential[]> {
    const { status, json } = await this.call('POST', '/credentials/list', { userId });
    if (status !== 200 || !Array.isArray(json.credentials)) throw new RemoteSigningError('bad_response', `credentials/list answered ${status}`);
    return (json.credentials as Array<Record<string, unknown>>).map((c) => ({
      credentialId: String(c.credentialId),
      status: String(c.status),
      certificate: Buffer.from(String(c.certificate), 'base64'),
      chain: Array.isArray(c.chain) ? c.chain.map((x) => Buffer.from(String(x), 'base64')) : [],
    }));
  }

  /** Starts a signature; a 503 before the service took it is retried twice, briefly. */
  private async start(credentialId: string, digest: Buffer, description: string): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        const { status, json } = await this.call('POST', '/signatures', { credentialId, hashAlgorithm: 'SHA-256', hash: digest.toString('base64'), description });
        if (status === 404) throw new RemoteSigningError('unknown_credential', 'the signing service does not know this certificate');
        if (status !== 201 || typeof json.transactionId !== 'string') throw new RemoteSigningError('bad_response', `signatures answered ${status}`);
        return json.transactionId;
      } catch (e) {
        if (!(e instanceof RemoteSigningError) || e.kind !== 'unavailable' || attempt >= 2) throw e;
        await sleep(200 * (attempt + 1));
      }
    }
  }

  /** Sends the hash and waits for the user's decision. Resolves with the raw RSA signature. */
  async signHash(credentialId: string, digest: Buffer, description: string, onPending?: (transactionId: string) => void): Promise<{ signature: Buffer; certificate: Buffer; chain: Buffer[] }> {
    const poll = { ...DEFAULT_POLL, ...this.poll };
    const id = await this.start(credentialId, digest, description);
    onPending?.(id);
    const deadline = Date.now() + poll.timeoutMs;
    let wait = poll.intervalMs;
    for (;;) {
      await sleep(Math.min(wait, Math.max(0, deadline - Date.now())));
      let answer: { status: number; json: Record<string, unknown> } | null = null;
      try {
        answer = await this.call('GET', `/signatures/${encodeURIComponent(id)}`);
      } catch (e) {
        // A blip while polling is not the user's answer: keep polling until the deadline.
        if (!(e instanceof RemoteSigningError) || e.kind !== 'unavailable') throw e;
      }
      if (answer) {
        const s = answer.json.status;
        if (s === 'approved') {
          if (typeof answer.json.signature !== 'string' || typeof answer.json.certificate !== 'string') throw new RemoteSigningError('bad_response', 'approved without a signature');
          return {
            signature: Buffer.from(answer.json.signature, 'base64'),
            certificate: Buffer.from(answer.json.certificate, 'base64'),
            chain: Array.isArray(answer.json.chain) ? answer.json.chain.map((x) => Buffer.from(String(x), 'base64')) : [],
          };
        }
        if (s === 'rejected') throw new RemoteSigningError('rejected', String(answer.json.reason ?? 'rejected by the signer'));
        if (s === 'expired') throw new RemoteSigningError('expired', 'the signing request expired before the signer answered');
        if (s !== 'pending') throw new RemoteSigningError('bad_response', `unknown status ${String(s)}`);
      }
      if (Date.now() >= deadline) throw new RemoteSigningError('timeout', `no answer from the signer within ${Math.round(poll.timeoutMs / 1000)} s`);
      wait = Math.min(Math.round(wait * 1.5), poll.maxIntervalMs);
    }
  }
}

/**
 * A provider that signs through the service with the registered certificate. The answer is checked before
 * use: it must come with that certificate and verify under its key, or it is not our signature.
 */
export function remoteProvider(client: RemoteSigningClient, credential: { credentialId: string; certificate: Buffer; chain: Buffer[] }, description: string, onPending?: (id: string) => void): SignatureProvider {
  return {
    certificate: credential.certificate,
    chain: credential.chain,
    async signDigest(digest) {
      const r = await client.signHash(credential.credentialId, digest, description, onPending);
      if (!r.certificate.equals(credential.certificate)) throw new RemoteSigningError('bad_response', 'the service signed with a different certificate than the registered one');
      const info = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
      let ok = false;
      try {
        ok = crypto.publicDecrypt({ key: new X509Certificate(credential.certificate).publicKey, padding: crypto.constants.RSA_PKCS1_PADDING }, r.signature).equals(info);
      } catch {
        ok = false;
      }
      if (!ok) throw new RemoteSigningError('bad_response', 'the returned signature does not verify with the certificate');
      return r.signature;
    },
  };
}
