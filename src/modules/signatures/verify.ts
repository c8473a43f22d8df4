// Re-verifies the PAdES signatures of a PDF from its bytes alone: each /ByteRange is read, checked to be well
// formed and (for the last one) to cover the whole file, the ranges are hashed again, and the CMS is checked
// against that digest — messageDigest, the RSA signature over the signed attributes, signingCertificateV2.
import crypto from 'node:crypto';
import * as asn1js from 'asn1js';
import { checkCms } from './cms.js';

export interface SignatureCheck {
  byteRange: [number, number, number, number];
  /** The CMS, without the zero padding of /Contents. */
  cms: Buffer;
  /** Starts at 0, skips exactly its own /Contents <…>, and ends at the end of the file. */
  coversWholeFile: boolean;
  digestMatches: boolean;
  signatureValid: boolean;
  certificateBound: boolean;
  signerCertificate: Buffer | null;
  certificates: Buffer[];
  /** /M of the signature dictionary, when it can be read. */
  signingTime: Date | null;
  /** Why the CMS could not be read at all. */
  error: string | null;
}

export const intact = (s: SignatureCheck): boolean => s.digestMatches && s.signatureValid && s.certificateBound && s.error === null;

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** "D:20261123020000Z" or "D:20261123090000+07'00'" → Date. */
export function parsePdfDate(s: string): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(s);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', se = '00', tz = 'Z'] = m;
  const offset = tz === 'Z' ? 'Z' : `${tz.slice(0, 3)}:${tz.replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${se}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}

function signingTimeNear(text: string, from: number, to: number): Date | null {
  // The /M of the same dictionary sits within a few hundred bytes of /ByteRange or after /Contents.
  const windows = [text.slice(Math.max(0, from - 1500), from), text.slice(to, to + 1500)];
  for (const w of windows) {
    const m = /\/M\s*\((D:[^)]*)\)/.exec(w);
    if (m) return parsePdfDate(m[1]!);
  }
  return null;
}

/** DER length of the first element, so the zero padding after the CMS is dropped. */
function trimDer(bytes: Buffer): Buffer {
  const parsed = asn1js.fromBER(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  if (parsed.offset === -1) throw new Error('The signature is not DER');
  return bytes.subarray(0, parsed.offset);
}

/** Every signature in the file, in file order (an incremental update adds later ones). */
export function checkPdfSignatures(file: Uint8Array): SignatureCheck[] {
  const pdf = Buffer.from(file);
  const text = pdf.toString('latin1');
  const checks: SignatureCheck[] = [];
  for (const m of text.matchAll(BYTE_RANGE)) {
    const br = m.slice(1, 5).map(Number) as [number, number, number, number];
    const [a, b, c, d] = br;
    const contents = b < c && c <= pdf.length ? text.slice(b, c) : '';
    const wellFormed = a === 0 && /^<[0-9a-fA-F]*>$/.test(contents) && c + d <= pdf.length;
    const base = { byteRange: br, coversWholeFile: wellFormed && c + d === pdf.length, signingTime: signingTimeNear(text, m.index, c) };
    if (!wellFormed) {
      checks.push({ ...base, cms: Buffer.alloc(0), digestMatches: false, signatureValid: false, certificateBound: false, signerCertificate: null, certificates: [], error: 'malformed ByteRange' });
      continue;
    }
    const digest = crypto.createHash('sha256').update(pdf.subarray(a, a + b)).update(pdf.subarray(c, c + d)).digest();
    try {
      const cms = trimDer(Buffer.from(contents.slice(1, -1), 'hex'));
      const r = checkCms(cms, digest);
      checks.push({ ...base, cms, ...r, error: null });
    } catch (e) {
      checks.push({ ...base, cms: Buffer.alloc(0), digestMatches: false, signatureValid: false, certificateBound: false, signerCertificate: null, certificates: [], error: (e as Error).message });
    }
  }
  return checks;
}
