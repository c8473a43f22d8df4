// Printed forms of the one-stop desk (Circular 01/2018/TT-VPCP, forms 01–06) rendered from plain
// data to PDF bytes. Renderers are pure apart from reading the shipped font files: they take every
// date as an argument and print it in Vietnam time.

export { FORM_KINDS, formKindInfo, type FormKind, type FormKindInfo, type PageFormat } from './kinds.js';
export type { Applicant, FormBase, TimeLimit, Timeliness, UnitHeader } from './types.js';
export { TIMELINESS_LABELS } from './types.js';
export { formatDate, formatDateLine, formatDateTime, formatDuration, formatTimeLimit } from './format.js';
export { renderReceipt, type ReceiptComponent, type ReceiptData } from './receipt.js';
export { renderSupplementRequest, type SupplementItem, type SupplementRequestData } from './supplement-request.js';
export { renderRefusal, type RefusalData } from './refusal.js';
export { renderApology, type ApologyData } from './apology.js';
export { renderControlSheet, type ControlSheetData, type Handover } from './control-sheet.js';
export { renderLogbook, type LogbookData, type LogbookEntry } from './logbook.js';
export { qrMatrix, type QrMatrix } from './qr.js';
