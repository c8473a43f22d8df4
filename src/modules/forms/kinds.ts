// The catalogue of printed forms. Numbers follow Circular 01/2018/TT-VPCP; Circular 03/2025/TT-VPCP
// renumbers some of them (04 becomes an extension request, a stop notice is added as 05, the
// control sheet and logbook become 06 and 07), so the number is informative, not an identifier.

export type FormKind = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'control-sheet' | 'logbook';
export type PageFormat = 'A5' | 'A4-landscape';

export interface FormKindInfo {
  kind: FormKind;
  formNumber: string;
  /** Title as printed on the form. */
  titleVi: string;
  titleEn: string;
  pageFormat: PageFormat;
}

export const FORM_KINDS: readonly FormKindInfo[] = [
  { kind: 'receipt', formNumber: '01', titleVi: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ', titleEn: 'Dossier receipt and result appointment', pageFormat: 'A5' },
  { kind: 'supplement-request', formNumber: '02', titleVi: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', titleEn: 'Request to supplement and complete a dossier', pageFormat: 'A5' },
  { kind: 'refusal', formNumber: '03', titleVi: 'PHIẾU TỪ CHỐI TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ', titleEn: 'Refusal to receive or process a dossier', pageFormat: 'A5' },
  { kind: 'apology', formNumber: '04', titleVi: 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', titleEn: 'Apology and new result date', pageFormat: 'A5' },
  { kind: 'control-sheet', formNumber: '05', titleVi: 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', titleEn: 'Dossier processing control sheet', pageFormat: 'A5' },
  { kind: 'logbook', formNumber: '06', titleVi: 'SỔ THEO DÕI HỒ SƠ', titleEn: 'Dossier logbook', pageFormat: 'A4-landscape' },
];

export function formKindInfo(kind: FormKind): FormKindInfo {
  const info = FORM_KINDS.find((k) => k.kind === kind);
  if (!info) throw new Error(`Unknown form kind: ${kind}`);
  return info;
}
