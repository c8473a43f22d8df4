// Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. The law requires the desk to list everything
// missing at once ("một lần, đầy đủ"), so the form says the list is complete.

import { createForm, drawSignatures, drawStandardHeader, drawTitle, field, finishForm, SIGN_HINT } from './document.js';
import { formatCount } from './format.js';
import { formKindInfo } from './kinds.js';
import { bold, name, type Rich, type Run } from './layout.js';
import { drawTable, type Column } from './table.js';
import type { Applicant, FormBase } from './types.js';

export interface SupplementItem {
  /** The component (thành phần hồ sơ) to add or correct. */
  name: string;
  originals?: number;
  certifiedCopies?: number;
  photocopies?: number;
  /** What is wrong or what is required (lý do / yêu cầu). */
  requirement: string;
}

export interface SupplementRequestData extends FormBase {
  /** Document number, e.g. "15/PYCBS". */
  referenceNumber?: string;
  dossierCode?: string;
  applicant: Applicant;
  procedureName: string;
  items: readonly SupplementItem[];
  /** General reason for the request, printed under the table. */
  reason?: string;
  /** Whom the applicant can call for help while completing the dossier. */
  contact: { name: string; phone?: string; email?: string };
  /** The official who guides the applicant and signs (NGƯỜI HƯỚNG DẪN). */
  guideName: string;
}

const COLUMNS: readonly Column[] = [
  { header: 'TT', weight: 5, align: 'center' },
  { header: 'Thành phần hồ sơ', weight: 33 },
  { header: 'Bản chính', weight: 9, align: 'center', group: 'Số lượng' },
  { header: 'Bản chứng thực', weight: 10, align: 'center', group: 'Số lượng' },
  { header: 'Bản photo', weight: 9, align: 'center', group: 'Số lượng' },
  { header: 'Lý do / yêu cầu', weight: 34 },
];

export const COMPLETENESS_SENTENCE =
  'Các nội dung trên được hướng dẫn một lần, đầy đủ; ngoài các nội dung này, Ông/Bà không phải bổ sung thêm giấy tờ nào khác.';

export async function renderSupplementRequest(data: SupplementRequestData): Promise<Uint8Array> {
  const layout = await createForm({ kind: 'supplement-request', unit: data.unit, titleSuffix: data.dossierCode, issuedAt: data.issuedAt });
  drawStandardHeader(layout, data.unit, {
    issuedAt: data.issuedAt,
    ...(data.referenceNumber ? { reference: `Số: ${data.referenceNumber}` } : {}),
  });
  drawTitle(layout, formKindInfo('supplement-request').titleVi, ...(data.dossierCode ? [[{ text: 'Mã hồ sơ: ' }, bold(data.dossierCode)]] : []));

  const line = (runs: Run[]): void => layout.text(runs, { spaceAfter: 1.5 });
  line([{ text: `${data.unit.unitName} tiếp nhận hồ sơ của: ` }, name(data.applicant.name)]);
  line(field('Địa chỉ', data.applicant.address));
  line([...field('Số điện thoại', data.applicant.phone), { gap: 14 }, ...field('Email', data.applicant.email)]);
  line([{ text: 'Nội dung yêu cầu giải quyết: ' }, bold(data.procedureName)]);
  line([{ text: 'Đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:' }]);
  layout.gap(2);

  const rows: Rich[][] = data.items.map((item, i) => [
    String(i + 1),
    item.name,
    countCell(item.originals),
    countCell(item.certifiedCopies),
    countCell(item.photocopies),
    item.requirement,
  ]);
  drawTable(layout, COLUMNS, rows, { size: layout.baseSize * 0.85 });
  layout.gap(5);

  if (data.reason) line([{ text: 'Lý do: ' }, { text: data.reason }]);
  line([{ text: COMPLETENESS_SENTENCE, style: 'italic' }]);
  const contactParts: Run[] = [{ text: 'Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ' }, bold(data.contact.name)];
  if (data.contact.phone) contactParts.push({ text: ', số điện thoại ' }, bold(data.contact.phone));
  if (data.contact.email) contactParts.push({ text: ', email ' }, bold(data.contact.email));
  contactParts.push({ text: ' để được hướng dẫn.' });
  line(contactParts);
  layout.gap(layout.baseSize * 0.6);

  drawSignatures(layout, [{ title: 'NGƯỜI HƯỚNG DẪN', hint: SIGN_HINT, name: data.guideName }]);
  return finishForm(layout);
}

function countCell(n: number | undefined): string {
  return n ? formatCount(n) : '';
}
