/**
 * XLSX with SheetJS (CE, @e965/xlsx): a data sheet whose money cells are numbers in a #,##0.00
 * format (the header says 万元), shares as numbers in a percentage format, dates as dates, text
 * neutralised; its header row frozen and filterable; and an "about" sheet saying what the rows
 * are (export/about.ts).
 *
 * SheetJS CE writes no frozen panes (its sheetView carries only workbookViewId and rightToLeft;
 * `!freeze` is a Pro feature), so the pane is added to the written sheet's XML here, through
 * SheetJS's own zip module (CFB).
 */
import { CFB, utils, write, type CellObject, type WorkSheet } from '@e965/xlsx';
import { neutralise } from './neutralise.ts';
import type { CellValue, ColumnReader } from './values.ts';
import type { ColumnKind, ExportColumn } from './types.ts';

/**
 * Rows an XLSX export may have. SheetJS holds every cell as an object: 100,000 rows of a dozen
 * columns took 0.8 GB and 4 s to write (Node, this machine), and a million rows did not write at
 * all. Larger selections go to CSV, which Excel and WPS open up to 1,048,576 rows, or Parquet.
 */
export const XLSX_MAX_ROWS = 100_000;
export const MONEY_FORMAT = '#,##0.00';
export const PERCENT_FORMAT = '0.0%';
export const DATE_FORMAT = 'yyyy-mm-dd';
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

const FORMATS: Partial<Record<ColumnKind, string>> = { money: MONEY_FORMAT, percent: PERCENT_FORMAT, date: DATE_FORMAT };

/** A cell as SheetJS writes it; undefined for an empty one. */
export function xlsxCell(value: CellValue, kind: ColumnKind): CellObject | undefined {
  if (value === null) return undefined;
  if ('text' in value) return { t: 's', v: neutralise(value.text) };
  const number = value.date !== undefined ? value.number / 86_400_000 + EXCEL_EPOCH_DAYS : value.number;
  const z = FORMATS[value.date !== undefined ? 'date' : kind];
  return z ? { t: 'n', v: number, z } : { t: 'n', v: number };
}

const width = (c: ExportColumn) =>
  Math.max(
    c.kind === 'text' ? 12 : 14,
    [...c.label].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 2)
  );

/** The data sheet, built a window of rows at a time (dense: one array of cells per row). */
export class DataSheet {
  readonly #columns: readonly ExportColumn[];
  readonly #rows: (CellObject | undefined)[][];

  constructor(columns: readonly ExportColumn[]) {
    this.#columns = columns;
    this.#rows = [columns.map((c) => ({ t: 's', v: neutralise(c.label) }) as CellObject)];
  }

  add(readers: readonly ColumnReader[], rows: number): void {
    if (this.#rows.length - 1 + rows > XLSX_MAX_ROWS) throw new RangeError(`XLSX exports hold at most ${XLSX_MAX_ROWS} rows`);
    for (let r = 0; r < rows; r++) this.#rows.push(readers.map((reader, c) => xlsxCell(reader.at(r), this.#columns[c].kind)));
  }

  sheet(): WorkSheet {
    const last = { r: this.#rows.length - 1, c: this.#columns.length - 1 };
    const ref = utils.encode_range({ s: { r: 0, c: 0 }, e: last });
    return {
      '!data': this.#rows,
      '!ref': ref,
      '!cols': this.#columns.map((c) => ({ wch: width(c) })),
      '!autofilter': { ref }
    } as unknown as WorkSheet;
  }
}

/** A workbook of the data sheet and the about sheet, header frozen, as XLSX bytes. */
export function writeWorkbook(data: DataSheet, about: readonly (readonly string[])[], names: { data: string; about: string }): Uint8Array {
  const wb = utils.book_new();
  utils.book_append_sheet(wb, data.sheet(), names.data);
  const info = utils.aoa_to_sheet(about.map((row) => row.map((cell) => neutralise(cell))));
  info['!cols'] = [{ wch: 28 }, { wch: 90 }];
  utils.book_append_sheet(wb, info, names.about);
  // Unzipped first, so the pane is added without inflating the sheet again; zipped once below.
  const stored = new Uint8Array(write(wb, { type: 'array', bookType: 'xlsx', compression: false }) as ArrayBuffer);
  return freezeHeaderRow(stored, '/xl/worksheets/sheet1.xml', true);
}

const SHEET_VIEW = '<sheetView workbookViewId="0"/>';
const FROZEN_VIEW = '<sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView>';

function indexOfBytes(haystack: Uint8Array, needle: Uint8Array, limit: number): number {
  const end = Math.min(haystack.length - needle.length, limit);
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** Freezes the first row of a sheet in XLSX bytes (the sheet view sits in its first bytes). */
export function freezeHeaderRow(xlsx: Uint8Array, sheetPath: string, compress: boolean): Uint8Array {
  const zip = CFB.read(xlsx, { type: 'array' });
  const entry = CFB.find(zip, sheetPath);
  if (!entry?.content) throw new Error(`no ${sheetPath} in the workbook`);
  const content = entry.content as Uint8Array;
  const at = indexOfBytes(content, new TextEncoder().encode(SHEET_VIEW), 4096);
  if (at < 0) throw new Error(`no sheet view in ${sheetPath}`);
  const frozen = new TextEncoder().encode(FROZEN_VIEW);
  const out = new Uint8Array(content.length - SHEET_VIEW.length + frozen.length);
  out.set(content.subarray(0, at));
  out.set(frozen, at);
  out.set(content.subarray(at + SHEET_VIEW.length), at + frozen.length);
  entry.content = out;
  entry.size = out.length;
  return new Uint8Array(CFB.write(zip, { fileType: 'zip', type: 'array', compression: compress }) as ArrayBuffer);
}
