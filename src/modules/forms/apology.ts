// Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả. Sent when a dossier will be late; the
// result date may be re-set only once, which the dossier workflow enforces, not this renderer.

import { createForm, drawSignatures, drawStandardHeader, drawTitle, field, finishForm } from './document.js';
import { formatDate, formatDateTime } from './format.js';
import { formKindInfo } from './kinds.js';
import { bold, name, type Run } from './layout.js';
import type { Applicant, FormBase } from './types.js';

export interface ApologyData extends FormBase {
  referenceNumber?: string;
  dossierCode: string;
  applicant: Applicant;
  procedureName: string;
  receivedAt: Date;
  originalDueAt: Date;
  delayReason: string;
  newDueAt: Date;
  /** Head of the unit who signs, e.g. { position: "GIÁM ĐỐC", name: "Lê Văn Minh" }. */
  head: { name: string; position: string };
}

export async function renderApology(data: ApologyData): Promise<Uint8Array> {
  const unitName = data.unit.unitName;
  const layout = await createForm({ kind: 'apology', unit: data.unit, titleSuffix: data.dossierCode, issuedAt: data.issuedAt });
  drawStandardHeader(layout, data.unit, {
    issuedAt: data.issuedAt,
    ...(data.referenceNumber ? { reference: `Số: ${data.referenceNumber}` } : {}),
  });
  drawTitle(layout, formKindInfo('apology').titleVi, [{ text: 'Mã hồ sơ: ' }, bold(data.dossierCode)]);

  const line = (runs: Run[]): void => layout.text(runs, { spaceAfter: 2 });
  line([{ text: `Ngày ${formatDate(data.receivedAt)}, ${unitName} tiếp nhận hồ sơ của: ` }, name(data.applicant.name)]);
  line(field('Địa chỉ', data.applicant.address));
  line([...field('Số điện thoại', data.applicant.phone), { gap: 14 }, ...field('Email', data.applicant.email)]);
  line([{ text: 'Nội dung yêu cầu giải quyết: ' }, bold(data.procedureName)]);
  line([{ text: 'Thời gian hẹn trả kết quả giải quyết hồ sơ: ' }, bold(formatDateTime(data.originalDueAt)), { text: '.' }]);
  line([
    { text: `Tuy nhiên đến nay, ${unitName} chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng thời hạn đã hẹn. Lý do: ` },
    bold(data.delayReason),
  ]);
  line([
    { text: `Sự chậm trễ này đã gây phiền hà cho Ông/Bà. ${unitName} xin lỗi Ông/Bà và hẹn trả kết quả giải quyết hồ sơ vào: ` },
    bold(formatDateTime(data.newDueAt)),
    { text: '.' },
  ]);
  line([{ text: 'Rất mong nhận được sự thông cảm của Ông/Bà. Xin trân trọng cảm ơn!', style: 'italic' }]);
  layout.gap(layout.baseSize * 0.6);

  drawSignatures(layout, [
    { title: data.head.position.normalize('NFC').toLocaleUpperCase('vi'), hint: '(Ký, ghi rõ họ tên và đóng dấu)', name: data.head.name },
  ]);
  return finishForm(layout);
}
