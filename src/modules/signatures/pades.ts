// PAdES signatures on PDF files: a signature field whose dictionary (SubFilter ETSI.CAdES.detached, /M the
// signing time) holds a CMS over every byte of the file except its own /Contents. pdf-lib writes the
// placeholder (texts as UTF-16 hex strings, so Vietnamese names survive), we fill /ByteRange, hash, sign and
// put the CMS in. The whole file is rewritten once, so the signature covers all of it.
import crypto from 'node:crypto';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFString } from 'pdf-lib';
import { signCms, type SignatureProvider } from './cms.js';

/** Bytes reserved for the CMS: a signer certificate, a chain of two or three and the signature fit easily. */
export const SIGNATURE_RESERVE = 16_384;
const PLACEHOLDER = '**********';

export interface SignatureMeta {
  signingTime: Date;
  /** /Name: who signs, e.g. "UBND xã Vinh Lộc". */
  name: string;
  reason: string;
  location: string;
  contactInfo?: string;
}

/** Adds an invisible signature field on the last page, with a placeholder signature dictionary. */
export function addPlaceholder(doc: PDFDocument, meta: SignatureMeta): void {
  const ctx = doc.context;
  const page = doc.getPages().at(-1)!;
  const byteRange = PDFArray.withContext(ctx);
  byteRange.push(PDFNumber.of(0));
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(PLACEHOLDER));
  const sig = ctx.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_RESERVE * 2)),
    M: PDFString.fromDate(meta.signingTime),
    Name: PDFHexString.fromText(meta.name),
    Reason: PDFHexString.fromText(meta.reason),
    Location: PDFHexString.fromText(meta.location),
    ...(meta.contactInfo ? { ContactInfo: PDFHexString.fromText(meta.contactInfo) } : {}),
    Prop_Build: { App: { Name: 'MotCua' } },
  });
  const sigRef = ctx.register(sig);

  let acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict);
  if (!acroForm) {
    acroForm = ctx.obj({ Fields: [] });
    doc.catalog.set(PDFName.of('AcroForm'), ctx.register(acroForm));
  }
  let fields = acroForm.lookupMaybe(PDFName.of('Fields'), PDFArray);
  if (!fields) {
    fields = ctx.obj([]);
    acroForm.set(PDFName.of('Fields'), fields);
  }
  const widget = ctx.obj({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: [0, 0, 0, 0],
    V: sigRef,
    T: PDFHexString.fromText(`Chữ ký số ${fields.size() + 1}`),
    F: 4, // print
    P: page.ref,
  });
  const widgetRef = ctx.register(widget);
  const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray) ?? ctx.obj([]);
  annots.push(widgetRef);
  page.node.set(PDFName.of('Annots'), annots);
  fields.push(widgetRef);
  const flags = acroForm.lookupMaybe(PDFName.of('SigFlags'), PDFNumber)?.asNumber() ?? 0;
  acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(flags | 1 | 2)); // SignaturesExist | AppendOnly
}

export interface Prepared {
  /** The file with /ByteRange filled in and /Contents still zeros. */
  pdf: Buffer;
  byteRange: [number, number, number, number];
  /** SHA-256 of the two signed ranges. */
  digest: Buffer;
}

/** Fills /ByteRange in a saved file holding one placeholder and hashes the ranges it names. */
export function prepareByteRange(saved: Uint8Array): Prepared {
  const pdf = Buffer.from(saved);
  const text = pdf.toString('latin1');
  const match = /\/ByteRange\s*\[\s*0\s+\/\*{10}\s+\/\*{10}\s+\/\*{10}\s*\]/.exec(text);
  if (!match) throw new Error('No signature placeholder in the PDF');
  if (text.indexOf('/**********', match.index + match[0].length) !== -1) throw new Error('Several signature placeholders in the PDF');
  const contentsKey = text.indexOf('/Contents', match.index + match[0].length);
  const start = text.indexOf('<', contentsKey);
  const end = text.indexOf('>', start);
  if (contentsKey < 0 || start < 0 || end < 0 || !/^<0+>$/.test(text.slice(start, end + 1))) throw new Error('No /Contents placeholder after /ByteRange');
  const byteRange: Prepared['byteRange'] = [0, start, end + 1, pdf.length - (end + 1)];
  const filled = `/ByteRange [${byteRange.join(' ')}]`;
  if (filled.length > match[0].length) throw new Error('ByteRange does not fit its placeholder');
  pdf.write(filled.padEnd(match[0].length, ' '), match.index, 'latin1');
  const digest = crypto.createHash('sha256').update(pdf.subarray(0, start)).update(pdf.subarray(end + 1)).digest();
  return { pdf, byteRange, digest };
}

/** Writes the CMS (hex, zero-padded) into the /Contents placeholder. */
export function embedSignature(prepared: Prepared, cms: Buffer): Buffer {
  const [, start, end] = prepared.byteRange;
  const room = end - start - 2;
  const hex = cms.toString('hex');
  if (hex.length > room) throw new Error(`The signature (${cms.length} bytes) does not fit the ${room / 2} bytes reserved`);
  const out = Buffer.from(prepared.pdf);
  out.write(hex.padEnd(room, '0'), start + 1, 'latin1');
  return out;
}

/** Loads, lets `edit` draw on the document (the verification stamp), adds the placeholder, signs. */
/**
 * Loads, lets `edit` draw on the document (the verification stamp), adds the placeholder and signs. A remote
 * provider may take minutes (the signer approves on a phone): nothing here holds a database transaction.
 */
export async function signPdf(input: Uint8Array, provider: SignatureProvider, meta: SignatureMeta, edit?: (doc: PDFDocument) => Promise<void>): Promise<Buffer> {
  const doc = await PDFDocument.load(input, { updateMetadata: false });
  if (edit) await edit(doc);
  doc.setModificationDate(meta.signingTime);
  addPlaceholder(doc, meta);
  // No object streams: the signature dictionary must be a plain object for the byte offsets to be found.
  const prepared = prepareByteRange(await doc.save({ useObjectStreams: false }));
  return embedSignature(prepared, await signCms(prepared.digest, provider));
}
