// PKCS#12 (.p12 / .pfx) files with pkijs: reading the one a unit uploads (OpenSSL 3's default PBES2 with
// AES-256-CBC and PBKDF2-HMAC-SHA256, and a SHA-256 MAC), and writing one the same way for the demo and tests.
import crypto, { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

const BAG = {
  keyBag: '1.2.840.113549.1.12.10.1.1',
  shroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
} as const;

export type Pkcs12Problem = 'malformed' | 'bad_password' | 'unsupported_encryption' | 'no_private_key' | 'no_certificate' | 'key_mismatch';

export class Pkcs12Error extends Error {
  constructor(readonly problem: Pkcs12Problem, detail: string) {
    super(detail);
    this.name = 'Pkcs12Error';
  }
}

export interface Pkcs12Contents {
  /** PKCS#8 DER */
  privateKey: crypto.KeyObject;
  /** The certificate whose public key matches the private key (DER). */
  certificate: Buffer;
  /** The other certificates in the file, issuers first found first. */
  chain: Buffer[];
}

const ab = (b: Uint8Array): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
const passwordBytes = (password: string) => ab(Buffer.from(password.normalize('NFC'), 'utf8'));

function isPbes2(alg: string | undefined): boolean {
  return alg === '1.2.840.113549.1.5.13';
}

/** Reads a .p12: checks the MAC with the password, decrypts the key and certificate bags. */
export async function readPkcs12(bytes: Uint8Array, password: string): Promise<Pkcs12Contents> {
  let pfx: pkijs.PFX;
  try {
    const asn = asn1js.fromBER(ab(bytes));
    if (asn.offset === -1) throw new Error('not DER');
    pfx = new pkijs.PFX({ schema: asn.result });
  } catch (e) {
    throw new Pkcs12Error('malformed', `not a PKCS#12 file (${(e as Error).message})`);
  }
  const pass = passwordBytes(password);
  try {
    await pfx.parseInternalValues({ password: pass, checkIntegrity: true });
  } catch (e) {
    const msg = (e as Error).message;
    throw new Pkcs12Error(/Integrity/i.test(msg) ? 'bad_password' : 'malformed', msg);
  }
  const authSafe = pfx.parsedValue!.authenticatedSafe!;
  try {
    await authSafe.parseInternalValues({ safeContents: authSafe.safeContents.map(() => ({ password: pass })) });
  } catch (e) {
    // The MAC already proved the password; what fails here is an old cipher (RC2, 3DES) or a corrupt file.
    const msg = (e as Error).message;
    throw new Pkcs12Error(/Unknown "contentEncryptionAlgorithm"/.test(msg) ? 'unsupported_encryption' : 'malformed', msg);
  }

  const keys: crypto.KeyObject[] = [];
  const certificates: Buffer[] = [];
  for (const sc of authSafe.parsedValue.safeContents as Array<{ value: pkijs.SafeContents }>) {
    for (const bag of sc.value.safeBags) {
      if (bag.bagId === BAG.shroudedKeyBag) {
        const shrouded = bag.bagValue as pkijs.PKCS8ShroudedKeyBag;
        if (!isPbes2(shrouded.encryptionAlgorithm.algorithmId)) {
          throw new Pkcs12Error('unsupported_encryption', `key bag encrypted with ${shrouded.encryptionAlgorithm.algorithmId}`);
        }
        try {
          await (shrouded as unknown as { parseInternalValues(p: { password: ArrayBuffer }): Promise<void> }).parseInternalValues({ password: pass });
        } catch (e) {
          throw new Pkcs12Error('malformed', `key bag: ${(e as Error).message}`);
        }
        keys.push(crypto.createPrivateKey({ key: Buffer.from(shrouded.parsedValue!.toSchema().toBER(false)), format: 'der', type: 'pkcs8' }));
      } else if (bag.bagId === BAG.keyBag) {
        const info = bag.bagValue as pkijs.PrivateKeyInfo;
        keys.push(crypto.createPrivateKey({ key: Buffer.from(info.toSchema().toBER(false)), format: 'der', type: 'pkcs8' }));
      } else if (bag.bagId === BAG.certBag) {
        const cb = bag.bagValue as pkijs.CertBag;
        if (cb.certId === BAG.x509Certificate && cb.parsedValue instanceof pkijs.Certificate) {
          certificates.push(Buffer.from(cb.parsedValue.toSchema().toBER(false)));
        }
      }
    }
  }
  if (!keys.length) throw new Pkcs12Error('no_private_key', 'no private key in the file');
  if (!certificates.length) throw new Pkcs12Error('no_certificate', 'no certificate in the file');
  for (const key of keys) {
    const pub = crypto.createPublicKey(key).export({ type: 'spki', format: 'der' });
    const index = certificates.findIndex((c) => new X509Certificate(c).publicKey.export({ type: 'spki', format: 'der' }).equals(pub));
    if (index >= 0) {
      return { privateKey: key, certificate: certificates[index]!, chain: certificates.filter((_, i) => i !== index) };
    }
  }
  throw new Pkcs12Error('key_mismatch', 'no certificate matches the private key');
}

// pkijs's types name WebCrypto's `Algorithm`, which this project's lib settings do not declare.
const PBES2 = { contentEncryptionAlgorithm: { name: 'AES-CBC', length: 256 } as never, hmacHashAlgorithm: 'SHA-256', iterationCount: 2048 };

/** Writes a .p12 like `openssl pkcs12 -export` (OpenSSL 3 defaults): AES-256-CBC, PBKDF2-SHA256, SHA-256 MAC. */
export async function writePkcs12(input: { privateKey: crypto.KeyObject; certificate: Buffer; chain?: Buffer[]; password: string; friendlyName?: string }): Promise<Buffer> {
  const pass = passwordBytes(input.password);
  const localKeyId = crypto.createHash('sha1').update(input.certificate).digest();
  const attrs = [
    new pkijs.Attribute({ type: BAG.localKeyId, values: [new asn1js.OctetString({ valueHex: ab(localKeyId) })] }),
    ...(input.friendlyName ? [new pkijs.Attribute({ type: BAG.friendlyName, values: [new asn1js.BmpString({ value: input.friendlyName })] })] : []),
  ];
  const keyInfo = pkijs.PrivateKeyInfo.fromBER(input.privateKey.export({ type: 'pkcs8', format: 'der' }));
  const shrouded = new pkijs.PKCS8ShroudedKeyBag({ parsedValue: keyInfo });
  await shrouded.makeInternalValues({ password: pass, ...PBES2 });
  const certBag = (der: Buffer, withAttrs: boolean) =>
    new pkijs.SafeBag({ bagId: BAG.certBag, bagValue: new pkijs.CertBag({ parsedValue: pkijs.Certificate.fromBER(ab(der)) }), ...(withAttrs ? { bagAttributes: attrs } : {}) });
  const pfx = new pkijs.PFX({
    parsedValue: {
      integrityMode: 0,
      authenticatedSafe: new pkijs.AuthenticatedSafe({
        parsedValue: {
          safeContents: [
            { privacyMode: 1, value: new pkijs.SafeContents({ safeBags: [certBag(input.certificate, true), ...(input.chain ?? []).map((c) => certBag(c, false))] }) },
            { privacyMode: 0, value: new pkijs.SafeContents({ safeBags: [new pkijs.SafeBag({ bagId: BAG.shroudedKeyBag, bagValue: shrouded, bagAttributes: attrs })] }) },
          ],
        },
      }),
    },
  });
  await pfx.parsedValue!.authenticatedSafe!.makeInternalValues({ safeContents: [{ password: pass, ...PBES2 }, {}] });
  await pfx.makeInternalValues({ password: pass, iterations: 2048, pbkdf2HashAlgorithm: { name: 'SHA-256' } as never, hmacHashAlgorithm: 'SHA-256' });
  return Buffer.from(pfx.toSchema().toBER(false));
}
