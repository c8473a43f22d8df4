// What the verification API answers (GET /api/public/signatures/{code}, POST …/check).
import type { Msg } from '../../api';

export interface Verification {
  code: string;
  displayCode: string;
  authentic: boolean;
  unchanged: boolean;
  verdict: Msg;
  document: { kind: 'result' | 'form'; form: string | null; name: Msg };
  dossierCode: string;
  unit: { code: string; name: string };
  signedAt: string;
  signerTitle: Msg;
  method: 'pkcs12' | 'remote';
  certificate: { subject: string; commonName: string; issuer: string; serial: string; notBefore: string; notAfter: string; fingerprint: string };
  file: { name: string; size: number; sha256: string; url: string };
}

export interface CopyCheck {
  identical: boolean;
  signatureStillValid: boolean;
  verdict: 'identical' | 'signed_content_identical' | 'incremental_update' | 'altered' | 'other_document';
  message: Msg;
}

const ALPHABET = /^[0-9A-HJKMNP-TV-Z]{10}$/;

/** As the server reads it: case, spaces and dashes forgiven, O read as 0 and I, L as 1. */
export function normaliseVerificationCode(raw: string): string | null {
  const c = raw.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return ALPHABET.test(c) ? c : null;
}
