// Ruled tables with wrapped cells. Rows are never split; when a row does not fit, the table
// continues on a new page and its header is drawn again there.

import { rgb } from 'pdf-lib';
import type { Align, Layout, Rich } from './layout.js';

export interface Column {
  header: string;
  /** Relative width; the table always spans the content width. */
  weight: number;
  align?: Align;
  /** Adjacent columns with the same group share a header cell drawn above their own headers. */
  group?: string;
}

export interface TableOptions {
  size?: number;
  headerSize?: number;
  padding?: number;
}

interface Geometry {
  x: number[];
  width: number[];
  groups: { label: string; first: number; last: number }[];
  groupHeight: number;
  headerHeight: number;
}

const BORDER = { borderWidth: 0.5, borderColor: rgb(0, 0, 0) } as const;

export function drawTable(layout: Layout, columns: readonly Column[], rows: readonly (readonly Rich[])[], options: TableOptions = {}): void {
  const size = options.size ?? layout.baseSize * 0.9;
  const headerSize = options.headerSize ?? size;
  const padding = options.padding ?? 3;
  const geometry = measureGeometry(layout, columns, headerSize, padding);

  const rowHeight = (row: readonly Rich[]): number =>
    Math.max(
      ...columns.map((_, i) => layout.measureBox(row[i] ?? '', geometry.width[i]! - 2 * padding, { size }) + 2 * padding),
    );

  const firstHeight = rows[0] ? rowHeight(rows[0]) : 0;
  layout.ensureSpace(geometry.headerHeight + firstHeight);
  drawHeader(layout, columns, geometry, headerSize, padding);

  rows.forEach((row, index) => {
    const height = index === 0 ? firstHeight : rowHeight(row);
    if (layout.y - height < layout.bottom) {
      layout.addPage();
      drawHeader(layout, columns, geometry, headerSize, padding);
    }
    columns.forEach((column, i) => {
      const x = geometry.x[i]!;
      const width = geometry.width[i]!;
      layout.page.drawRectangle({ x, y: layout.y - height, width, height, ...BORDER });
      layout.textBox(row[i] ?? '', { x: x + padding, top: layout.y - padding, width: width - 2 * padding }, { size, align: column.align ?? 'left' });
    });
    layout.gap(height);
  });
}

function measureGeometry(layout: Layout, columns: readonly Column[], headerSize: number, padding: number): Geometry {
  const totalWeight = columns.reduce((sum, c) => sum + c.weight, 0);
  const width = columns.map((c) => (c.weight / totalWeight) * layout.contentWidth);
  const x: number[] = [];
  width.reduce((left, w) => (x.push(left), left + w), layout.left);

  const groups: Geometry['groups'] = [];
  columns.forEach((column, i) => {
    if (column.group === undefined) return;
    const last = groups.at(-1);
    if (last && last.label === column.group && last.last === i - 1) last.last = i;
    else groups.push({ label: column.group, first: i, last: i });
  });

  const headerBox = (text: string, w: number): number =>
    layout.measureBox(text, w - 2 * padding, { size: headerSize, style: 'bold' }) + 2 * padding;
  const spanWidth = (g: { first: number; last: number }): number => width.slice(g.first, g.last + 1).reduce((a, b) => a + b, 0);

  const groupHeight = Math.max(0, ...groups.map((g) => headerBox(g.label, spanWidth(g))));
  const subHeight = Math.max(0, ...columns.map((c, i) => (c.group === undefined ? 0 : headerBox(c.header, width[i]!))));
  const plainHeight = Math.max(0, ...columns.map((c, i) => (c.group === undefined ? headerBox(c.header, width[i]!) : 0)));
  return { x, width, groups, groupHeight, headerHeight: Math.max(groupHeight + subHeight, plainHeight) };
}

function drawHeader(layout: Layout, columns: readonly Column[], g: Geometry, size: number, padding: number): void {
  const top = layout.y;
  const cell = (text: string, x: number, cellTop: number, width: number, height: number): void => {
    layout.page.drawRectangle({ x, y: cellTop - height, width, height, ...BORDER });
    const textHeight = layout.measureBox(text, width - 2 * padding, { size, style: 'bold' });
    const textTop = cellTop - (height - textHeight) / 2;
    layout.textBox(text, { x: x + padding, top: textTop, width: width - 2 * padding }, { size, style: 'bold', align: 'center' });
  };
  columns.forEach((column, i) => {
    if (column.group === undefined) cell(column.header, g.x[i]!, top, g.width[i]!, g.headerHeight);
    else cell(column.header, g.x[i]!, top - g.groupHeight, g.width[i]!, g.headerHeight - g.groupHeight);
  });
  for (const group of g.groups) {
    const width = g.width.slice(group.first, group.last + 1).reduce((a, b) => a + b, 0);
    cell(group.label, g.x[group.first]!, top, width, g.groupHeight);
  }
  layout.gap(g.headerHeight);
}
