// Every table a report shows can be downloaded as XLSX with the same rows and columns. One sheet per table: a
// title, the period and unit it covers, the header, the rows, and a totals row when the caller gives one.
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

export interface XlsxColumn<Row> {
  header: string;
  /** A key of the row, or a function of it. */
  value: keyof Row | ((row: Row) => string | number | Date | null | undefined);
  /** Width in characters; a sensible default from the header otherwise. */
  width?: number;
  /** 'integer', 'percent' (a fraction 0–1 shown as %), 'decimal', 'date' (dd/mm/yyyy), 'datetime'. */
  format?: 'integer' | 'percent' | 'decimal' | 'date' | 'datetime';
}

export interface XlsxTable<Row> {
  /** The sheet's name (at most 31 characters; cut if longer). */
  sheet: string;
  title: string;
  /** Lines under the title: the unit, the period, when it was made. */
  subtitle?: string[];
  columns: Array<XlsxColumn<Row>>;
  rows: readonly Row[];
  totals?: Row;
}

const FORMATS = {
  integer: '#,##0',
  percent: '0.0%',
  decimal: '#,##0.00',
  date: 'dd/mm/yyyy',
  datetime: 'dd/mm/yyyy hh:mm',
} as const;

function cellValue<Row>(col: XlsxColumn<Row>, row: Row): ExcelJS.CellValue {
  const v = typeof col.value === 'function' ? col.value(row) : (row[col.value] as unknown);
  if (v === undefined || v === null) return null;
  // Dates in the sheet are Vietnam local time: Excel has no time zones, so shift the instant by +7 hours.
  if (v instanceof Date) return new Date(v.getTime() + 7 * 3_600_000);
  return v as ExcelJS.CellValue;
}

/** Adds one table as a sheet of `book`. */
export function addTable<Row>(book: ExcelJS.Workbook, table: XlsxTable<Row>): ExcelJS.Worksheet {
  const ws = book.addWorksheet(table.sheet.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
  ws.addRow([table.title]).font = { bold: true, size: 14 };
  for (const line of table.subtitle ?? []) ws.addRow([line]).font = { italic: true };
  ws.addRow([]);
  const header = ws.addRow(table.columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    cell.border = { bottom: { style: 'thin' } };
  });
  const headerRow = header.number;
  for (const row of table.rows) ws.addRow(table.columns.map((c) => cellValue(c, row)));
  if (table.totals) {
    const totals = ws.addRow(table.columns.map((c) => cellValue(c, table.totals!)));
    totals.font = { bold: true };
    totals.eachCell((cell) => (cell.border = { top: { style: 'thin' } }));
  }
  table.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? Math.min(40, Math.max(10, c.header.length + 2));
    if (c.format) col.numFmt = FORMATS[c.format];
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: table.columns.length } };
  return ws;
}

/** A workbook of the given tables, as bytes. */
export async function xlsxOf(tables: ReadonlyArray<XlsxTable<any>>): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'MotCua';
  book.created = new Date();
  for (const t of tables) addTable(book, t);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Sends a workbook as a download named `<name>.xlsx` (the name is ASCII-folded for old browsers, UTF-8 too). */
export async function sendXlsx(reply: FastifyReply, name: string, tables: ReadonlyArray<XlsxTable<any>>): Promise<FastifyReply> {
  const body = await xlsxOf(tables);
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9._-]+/g, '-');
  return reply
    .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('content-disposition', `attachment; filename="${ascii}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
    .send(body);
}

/** Reads a workbook back (tests): every sheet's rows as arrays of cell values. */
export async function readXlsx(bytes: Buffer | Uint8Array): Promise<Record<string, unknown[][]>> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  const out: Record<string, unknown[][]> = {};
  book.eachSheet((ws) => {
    const rows: unknown[][] = [];
    ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
    out[ws.name] = rows;
  });
  return out;
}
