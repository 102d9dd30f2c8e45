/**
 * A league table as a PNG picture (for a slide, a chat group, a printed brief): the cells as the
 * page shows them, drawn on a canvas at twice the pixel ratio with the system's fonts. Drawn from
 * the rows rather than captured from the page, so nothing is fetched (no web font, no stylesheet
 * copied into an SVG), the picture is whole even where the page scrolls the table sideways, and
 * the layout is a pure function that can be tested.
 */

/** What the picture shows, every text already in the page's language. */
export interface PictureTable {
  title: string;
  subtitle: string;
  header: readonly string[];
  /** Columns aligned left (the unit's name); the others are figures, aligned right. */
  leftColumns: readonly number[];
  rows: readonly PictureRow[];
  /** Lines under the table: the red and black lists, the source. */
  notes: readonly string[];
}

export interface PictureRow {
  cells: readonly string[];
  /** Red list, black list, or neither. */
  tone: 'red' | 'black' | null;
}

/** Text widths in CSS pixels for a font (a canvas's measureText, or a stand-in in tests). */
export type Measure = (text: string, font: string) => number;

/** The system's Chinese fonts, the page's own order: nothing is downloaded. */
const FAMILY = `'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', system-ui, sans-serif`;
export const FONTS = {
  title: `700 26px ${FAMILY}`,
  subtitle: `400 16px ${FAMILY}`,
  header: `600 15px ${FAMILY}`,
  cell: `400 18px ${FAMILY}`,
  note: `400 16px ${FAMILY}`
} as const;

const PAD = 24;
const CELL_PAD = 10;
const TITLE_H = 36;
const SUBTITLE_H = 26;
const HEADER_H = 34;
const ROW_H = 32;
const NOTE_H = 24;

export interface PictureLayout {
  /** In CSS pixels; the canvas is `ratio` times that. */
  width: number;
  height: number;
  columns: { x: number; width: number; align: 'left' | 'right' }[];
  tableTop: number;
  rowHeight: number;
  headerHeight: number;
  notesTop: number;
}

/** Where everything goes: each column as wide as its widest text, the picture as wide as the table or the title. */
export function layoutPicture(table: PictureTable, measure: Measure): PictureLayout {
  const widths = table.header.map((h, i) =>
    Math.ceil(Math.max(measure(h, FONTS.header), ...table.rows.map((r) => measure(r.cells[i] ?? '', FONTS.cell))) + 2 * CELL_PAD)
  );
  const tableWidth = widths.reduce((a, b) => a + b, 0);
  const textWidth = Math.max(
    measure(table.title, FONTS.title),
    measure(table.subtitle, FONTS.subtitle),
    ...table.notes.map((n) => measure(n, FONTS.note))
  );
  const width = Math.ceil(Math.max(tableWidth, textWidth) + 2 * PAD);
  let x = PAD;
  const columns = widths.map((w, i) => {
    const c = { x, width: w, align: table.leftColumns.includes(i) ? ('left' as const) : ('right' as const) };
    x += w;
    return c;
  });
  const tableTop = PAD + TITLE_H + SUBTITLE_H + 8;
  const notesTop = tableTop + HEADER_H + table.rows.length * ROW_H + 14;
  const height = Math.ceil(notesTop + table.notes.length * NOTE_H + PAD);
  return { width, height, columns, tableTop, rowHeight: ROW_H, headerHeight: HEADER_H, notesTop };
}

const INK = '#1b2733';
const MUTED = '#56657a';
const LINE = '#d5dde6';
const RED = '#a1251b';

/** Draws the table on a 2D context already scaled to CSS pixels. */
export function drawPicture(g: CanvasRenderingContext2D, table: PictureTable, layout: PictureLayout): void {
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, layout.width, layout.height);
  g.textBaseline = 'middle';
  g.fillStyle = INK;
  g.font = FONTS.title;
  g.textAlign = 'left';
  g.fillText(table.title, PAD, PAD + TITLE_H / 2);
  g.font = FONTS.subtitle;
  g.fillStyle = MUTED;
  g.fillText(table.subtitle, PAD, PAD + TITLE_H + SUBTITLE_H / 2);

  const text = (s: string, i: number, y: number) => {
    const c = layout.columns[i];
    g.textAlign = c.align;
    g.fillText(s, c.align === 'left' ? c.x + CELL_PAD : c.x + c.width - CELL_PAD, y);
  };
  const right = layout.columns.at(-1)!.x + layout.columns.at(-1)!.width;
  const rule = (y: number, colour = LINE, w = 1) => {
    g.strokeStyle = colour;
    g.lineWidth = w;
    g.beginPath();
    g.moveTo(PAD, y);
    g.lineTo(right, y);
    g.stroke();
  };
  g.font = FONTS.header;
  g.fillStyle = MUTED;
  table.header.forEach((h, i) => text(h, i, layout.tableTop + layout.headerHeight / 2));
  rule(layout.tableTop + layout.headerHeight, INK, 1.5);

  table.rows.forEach((row, r) => {
    const top = layout.tableTop + layout.headerHeight + r * layout.rowHeight;
    if (row.tone === 'red') {
      g.fillStyle = '#fbeceb';
      g.fillRect(PAD, top, right - PAD, layout.rowHeight);
    }
    g.font = FONTS.cell;
    g.fillStyle = row.tone === 'red' ? RED : INK;
    row.cells.forEach((cell, i) => text(cell, i, top + layout.rowHeight / 2));
    rule(top + layout.rowHeight, row.tone === 'black' ? INK : LINE, row.tone === 'black' ? 1.5 : 1);
  });

  g.font = FONTS.note;
  g.textAlign = 'left';
  table.notes.forEach((n, i) => {
    g.fillStyle = i === 0 && n ? RED : MUTED;
    g.fillText(n, PAD, layout.notesTop + i * NOTE_H + NOTE_H / 2);
  });
}

/** The picture as a PNG at `ratio` device pixels per CSS pixel (2: sharp on a projector and when zoomed). */
export async function picturePng(table: PictureTable, ratio = 2): Promise<Blob> {
  await document.fonts?.ready;
  const canvas = document.createElement('canvas');
  const probe = canvas.getContext('2d')!;
  const layout = layoutPicture(table, (s, font) => ((probe.font = font), probe.measureText(s).width));
  canvas.width = Math.ceil(layout.width * ratio);
  canvas.height = Math.ceil(layout.height * ratio);
  const g = canvas.getContext('2d')!;
  g.scale(ratio, ratio);
  drawPicture(g, table, layout);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('canvas.toBlob gave nothing'))), 'image/png')
  );
}
