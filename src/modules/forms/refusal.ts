// Mẫu 03: Phiếu từ chối tiếp nhận, giải quyết hồ sơ. A refusal is only lawful with a written
// reason, so the reason is required.

import { badInput } from '../../errors.js';
import { createForm, drawSignatures, drawStandardHeader, drawTitle, field, finishForm, SIGN_HINT } from './document.js';
import { formKindInfo } from './kinds.js';
import { bold, name, type Run } from './layout.js';
import type { Applicant, FormBase } from './types.js';

export interface RefusalData extends FormBase {
  referenceNumber?: string;
  dossierCode?: string;
  applicant: Applicant;
  procedureName: string;
  /** The specific reason for refusal; line breaks are kept. */
  reason: string;
  /** Who signs; the title defaults to "NGƯỜI TIẾP NHẬN HỒ SƠ". */
  signer: { name: string; title?: string };
}

export async function renderRefusal(data: RefusalData): Promise<Uint8Array> {
  if (data.reason.trim() === '') {
    throw badInput('reason', { vi: 'Phiếu từ chối phải nêu rõ lý do.', en: 'A refusal must state its reason.' });
  }
  const layout = await createForm({ kind: 'refusal', unit: data.unit, titleSuffix: data.dossierCode, issuedAt: data.issuedAt });
  drawStandardHeader(layout, data.unit, {
    issuedAt: data.issuedAt,
    ...(data.referenceNumber ? { reference: `Số: ${data.referenceNumber}` } : {}),
  });
  drawTitle(layout, formKindInfo('refusal').titleVi, ...(data.dossierCode ? [[{ text: 'Mã hồ sơ: ' }, bold(data.dossierCode)]] : []));

  const line = (runs: Run[]): void => layout.text(runs, { spaceAfter: 1.5 });
  line([{ text: `${data.unit.unitName} tiếp nhận hồ sơ của: ` }, name(data.applicant.name)]);
  line(field('Địa chỉ', data.applicant.address));
  line([...field('Số điện thoại', data.applicant.phone), { gap: 14 }, ...field('Email', data.applicant.email)]);
  line([{ text: 'Nội dung yêu cầu giải quyết: ' }, bold(data.procedureName)]);
  layout.gap(2);
  line([
    {
      text:
        `Qua nghiên cứu, xem xét hồ sơ và đối chiếu với các quy định hiện hành, ${data.unit.unitName} ` +
        'thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:',
    },
  ]);
  layout.text(data.reason, { style: 'bold', x: layout.left + 10, spaceAfter: 3 });
  line([{ text: 'Xin thông báo để Ông/Bà được biết và thực hiện./.' }]);
  layout.gap(layout.baseSize * 0.6);

  drawSignatures(layout, [{ title: data.signer.title ?? 'NGƯỜI TIẾP NHẬN HỒ SƠ', hint: SIGN_HINT, name: data.signer.name }]);
  return finishForm(layout);
}
