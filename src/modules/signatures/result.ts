// A plain result document, for a dossier whose specialist attached no draft: the unit's header, the dossier,
// the procedure, the outcome and the signer's block marked "digitally signed". A4, Liberation Serif.
import { PageSizes, PDFDocument } from 'pdf-lib';
import { drawSignatures, drawStandardHeader, drawTitle } from '../forms/document.js';
import { embedFonts } from '../forms/fonts.js';
import { formatDateTime } from '../forms/format.js';
import { bold, Layout } from '../forms/layout.js';
import type { UnitHeader } from '../forms/types.js';
import { STAMP_HEIGHT } from './stamp.js';

export interface ResultData {
  unit: UnitHeader;
  issuedAt: Date;
  dossierCode: string;
  procedureName: string;
  applicantName: string;
  receivedAt: Date | null;
  outcome: 'granted' | 'refused' | null;
  note: string | null;
  signerTitle: string;
  signerName: string;
}

export async function renderResultDocument(data: ResultData): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`Kết quả giải quyết hồ sơ ${data.dossierCode}`, { showInWindowTitleBar: true });
  doc.setSubject('Result of an administrative procedure');
  doc.setAuthor(data.unit.parentName ?? data.unit.unitName);
  doc.setCreator('MotCua');
  doc.setProducer('MotCua (pdf-lib)');
  doc.setLanguage('vi');
  doc.setCreationDate(data.issuedAt);
  doc.setModificationDate(data.issuedAt);
  // The bottom margin leaves room for the verification stamp drawn at signing.
  const layout = new Layout(doc, await embedFonts(doc), PageSizes.A4, { top: 42, right: 42, bottom: STAMP_HEIGHT + 30, left: 56 }, 12);
  drawStandardHeader(layout, { unitName: data.unit.parentName ?? data.unit.unitName, placeName: data.unit.placeName }, { issuedAt: data.issuedAt });
  const refused = data.outcome === 'refused';
  drawTitle(layout, refused ? 'THÔNG BÁO KẾT QUẢ GIẢI QUYẾT HỒ SƠ' : 'KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH', [{ text: 'Mã hồ sơ: ' }, bold(data.dossierCode)]);
  const line = (runs: Parameters<Layout['text']>[0]) => layout.text(runs, { spaceAfter: 3 });
  line([{ text: 'Thủ tục: ' }, bold(data.procedureName)]);
  line([{ text: 'Người nộp hồ sơ: ' }, bold(data.applicantName)]);
  if (data.receivedAt) line(`Hồ sơ được tiếp nhận lúc ${formatDateTime(data.receivedAt)}.`);
  layout.gap(6);
  line(
    refused
      ? 'Sau khi xem xét hồ sơ, đối chiếu với quy định hiện hành, cơ quan giải quyết thông báo hồ sơ không đủ điều kiện giải quyết.'
      : 'Sau khi xem xét hồ sơ, đối chiếu với quy định hiện hành, hồ sơ đủ điều kiện và đã được giải quyết theo yêu cầu.',
  );
  if (data.note) line([{ text: 'Ghi chú: ' }, { text: data.note }]);
  line('Văn bản này là văn bản điện tử được ký số; giá trị pháp lý như văn bản giấy (Luật Giao dịch điện tử 2023).');
  layout.gap(12);
  drawSignatures(layout, [{ title: data.signerTitle.toLocaleUpperCase('vi'), hint: '(Đã ký số)', name: data.signerName }], { signingSpace: 24 });
  return doc.save();
}
