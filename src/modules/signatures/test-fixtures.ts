// Test support: pdfsig (poppler-utils) run on a PDF, a small PDF to sign, and a CA with a Vietnamese-named unit.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { createDemoCa, issueSigningCertificate, type Issued } from './certificates.js';

export const VIETNAMESE_CN = 'UBND xã Vĩnh Lộc';

/** pdfsig's report of a PDF (written to a temporary file). */
export function pdfsig(pdf: Uint8Array): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-pdfsig-'));
  try {
    const file = path.join(dir, 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const r = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    if (r.error) throw r.error;
    return `${r.stdout}\n${r.stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function samplePdf(text = 'Kết quả giải quyết'): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([420, 595]);
  page.drawText(text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd'), { x: 40, y: 540, size: 14, font: await doc.embedFont(StandardFonts.Helvetica) });
  doc.setTitle('Sample');
  doc.setModificationDate(new Date('2026-11-23T02:00:00Z'));
  return doc.save();
}

export interface TestPki {
  ca: Issued;
  unit: Issued;
}

let pki: Promise<TestPki> | undefined;

/** One CA and one unit certificate per test file (RSA key generation is the slow part). */
export function testPki(now = new Date('2026-11-23T02:00:00Z')): Promise<TestPki> {
  pki ??= (async () => {
    const ca = await createDemoCa(now, 'MotCua Test CA', new Date('2025-01-01T00:00:00Z'));
    const unit = await issueSigningCertificate(ca, { commonName: VIETNAMESE_CN, organisation: VIETNAMESE_CN, province: 'Thành phố Huế' }, now, 5, new Date('2025-01-01T00:00:00Z'));
    return { ca, unit };
  })();
  return pki;
}

/** Flips one character of an ASCII marker inside the file (a byte the signature covers). */
export function tamper(pdf: Uint8Array, marker: string, offsetInMarker = 0): Buffer {
  const b = Buffer.from(pdf);
  const at = b.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not found`);
  const i = at + offsetInMarker;
  b[i] = b[i] === 0x31 ? 0x32 : 0x31;
  return b;
}
