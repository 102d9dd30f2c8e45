/**
 * Reads .xlsx, .xls (BIFF8, also BIFF5 and the HTML/XML files saved as .xls), WPS .et
 * (BIFF8 in a CFB container) and CSV in UTF-8, GB18030 or UTF-16 with SheetJS, into plain grids.
 * Merged cells are filled with their top-left value so two-row headers and merged
 * district cells read like ordinary ones.
 */
import * as XLSX from '@e965/xlsx';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fsReason } from '../lib/fs-errors.ts';
import { InputError } from './errors.ts';
import type { DateCell } from './parse-date.ts';

/** A cell whose formula failed (#DIV/0!, #N/A …): neither empty nor a value. */
export interface ErrorCell {
  kind: 'error';
  code: string;
}

export type CellValue = string | number | boolean | DateCell | ErrorCell | null;

export function isErrorCell(v: unknown): v is ErrorCell {
  return typeof v === 'object' && v !== null && (v as ErrorCell).kind === 'error';
}

/** Excel's error codes as BIFF and SheetJS number them, for cells that carry no text. */
const ERROR_CODES: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA'
};
const ERROR_TEXT = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!|GETTING_DATA)$/;

export interface SheetGrid {
  name: string;
  /** values[r][c], r and c 0-based; numbers stay numbers, date cells become DateCell. */
  values: CellValue[][];
  /** Formatted text as the spreadsheet shows it (null for empty cells). */
  texts: (string | null)[][];
  /** True where the cell was filled from a merge rather than holding a value itself. */
  merged: boolean[][];
}

export interface Workbook {
  file: string;
  format: 'xlsx' | 'xls' | 'et' | 'csv';
  sheets: SheetGrid[];
}

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const startsWith = (buf: Buffer, sig: number[]) => sig.every((b, i) => buf[i] === b);

/**
 * UTF-16 when the bytes start with its byte-order mark (Excel's "Unicode text", some WPS
 * exports), UTF-8 when they are valid UTF-8 (BOM or not), else GB18030 (a superset of GBK/GB2312).
 */
export function detectEncoding(buf: Buffer): Encoding {
  if (buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  if (buf[0] === 0xfe && buf[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function decodeText(buf: Buffer, encoding: Encoding = detectEncoding(buf)): string {
  return new TextDecoder(encoding).decode(buf).replace(/^\ufeff/, '');
}

/** Column letters as the spreadsheet shows them: 0 → A, 26 → AA. */
export function columnLetter(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The last row and column that hold a cell. The declared range (`!ref`, from the file's
 * dimension record) is not trusted: a 9 KB file may declare A1:XFD1048576, 17 billion cells.
 */
function usedEnd(ws: XLSX.WorkSheet): { r: number; c: number } | null {
  let end: { r: number; c: number } | null = null;
  for (const key of Object.keys(ws)) {
    if (key.startsWith('!')) continue;
    const { r, c } = XLSX.utils.decode_cell(key);
    end = end ? { r: Math.max(end.r, r), c: Math.max(end.c, c) } : { r, c };
  }
  return end;
}

function toGrid(name: string, ws: XLSX.WorkSheet, csv: boolean): SheetGrid {
  const values: CellValue[][] = [];
  const texts: (string | null)[][] = [];
  const merged: boolean[][] = [];
  const end = usedEnd(ws);
  if (!end) return { name, values, texts, merged };
  const range = { s: { r: 0, c: 0 }, e: end };
  for (let r = 0; r <= range.e.r; r++) {
    const vrow: CellValue[] = [];
    const trow: (string | null)[] = [];
    for (let c = 0; c <= range.e.c; c++) {
      const cell = ws[XLSX.utils.encode_cell({ r, c })] as XLSX.CellObject | undefined;
      const [v, t] = cellValue(cell, csv);
      vrow.push(v);
      trow.push(t);
    }
    values.push(vrow);
    texts.push(trow);
    merged.push(vrow.map(() => false));
  }
  for (const m of ws['!merges'] ?? []) {
    const v = values[m.s.r]?.[m.s.c] ?? null;
    const t = texts[m.s.r]?.[m.s.c] ?? null;
    for (let r = m.s.r; r <= Math.min(m.e.r, range.e.r); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, range.e.c); c++) {
        if (r === m.s.r && c === m.s.c) continue;
        values[r][c] = v;
        texts[r][c] = t;
        merged[r][c] = true;
      }
    }
  }
  return { name, values, texts, merged };
}

function cellValue(cell: XLSX.CellObject | undefined, csv: boolean): [CellValue, string | null] {
  if (!cell || cell.t === 'z') return [null, null];
  if (cell.t === 'e') {
    const code = cell.w ?? ERROR_CODES[Number(cell.v)] ?? `#${String(cell.v)}`;
    return [{ kind: 'error', code }, code];
  }
  const text = cell.w ?? (cell.v === undefined || cell.v === null ? null : String(cell.v));
  if (csv && text !== null && ERROR_TEXT.test(text.trim())) return [{ kind: 'error', code: text.trim() }, text];
  if (csv) return [text === null || text === '' ? null : text, text];
  if (cell.t === 'n' && typeof cell.v === 'number' && cell.z && XLSX.SSF.is_date(cell.z as string)) {
    if (cell.v < 1) return [{ kind: 'date', y: 0, m: 0, d: 0, serial: cell.v }, text];
    const p = XLSX.SSF.parse_date_code(cell.v);
    if (p) return [{ kind: 'date', y: p.y, m: p.m, d: p.d }, text];
  }
  if (cell.t === 'd' && cell.v instanceof Date) {
    const d = cell.v;
    return [{ kind: 'date', y: d.getFullYear(), m: d.getMonth() + 1, d: d.getDate() }, text];
  }
  if (cell.t === 's') return [String(cell.v) === '' ? null : String(cell.v), text];
  if (cell.t === 'n' || cell.t === 'b') return [cell.v as number | boolean, text];
  return [cell.v === undefined ? null : String(cell.v), text];
}

/** Reads a workbook file; throws InputError with the reason when it cannot. */
export async function readWorkbook(file: string, opts: { encoding?: Encoding } = {}): Promise<Workbook> {
  let buf: Buffer;
  try {
    const info = await stat(file);
    // a device or a pipe could be read for ever
    if (!info.isFile() && !info.isDirectory()) throw new InputError(file, 'cannot read file: not a regular file; name a spreadsheet file');
    buf = await readFile(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, `cannot read file: ${fsReason(err, 'read') ?? (err as Error).message}`);
  }
  if (buf.length === 0) throw new InputError(file, 'the file is empty (0 bytes)');
  const ext = path.extname(file).toLowerCase();
  let format: Workbook['format'];
  let wb: XLSX.WorkBook;
  const binaryOpts = { type: 'buffer' as const, cellNF: true, cellDates: false, dense: false };
  try {
    if (ext === '.csv' || ext === '.txt') {
      format = 'csv';
      const text = decodeText(buf, opts.encoding);
      if (text.trim() === '') throw new InputError(file, 'the file is empty (no text)');
      if (text.includes('\u0000'))
        throw new InputError(
          file,
          'the text holds NUL characters: it is UTF-16 saved without a byte-order mark; pass --encoding utf-16le (or utf-16be), or save it again as UTF-8'
        );
      wb = XLSX.read(text, { type: 'string', raw: true, dense: false });
    } else if (ext === '.xlsx' || ext === '.xlsm') {
      format = 'xlsx';
      // an encrypted .xlsx is a CFB container: let SheetJS say so
      if (!startsWith(buf, ZIP) && !startsWith(buf, CFB))
        throw new InputError(file, 'not an .xlsx file (no ZIP signature): corrupt or mislabelled');
      wb = XLSX.read(buf, binaryOpts);
    } else if (ext === '.xls' || ext === '.et') {
      format = ext === '.et' ? 'et' : 'xls';
      const head = buf.subarray(0, 512).toString('latin1').trimStart();
      const html = head.startsWith('<');
      if (!startsWith(buf, CFB) && !html && !startsWith(buf, ZIP)) {
        throw new InputError(file, `not a ${ext} workbook (no OLE/CFB signature): corrupt or mislabelled`);
      }
      wb = XLSX.read(buf, binaryOpts);
    } else {
      throw new InputError(file, `unsupported file type "${ext || '(none)'}": use .xlsx, .xls, .et or .csv`);
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(file, `cannot read workbook: corrupt or unsupported (${(err as Error).message})`);
  }
  const sheets = wb.SheetNames.map((n) => toGrid(n, wb.Sheets[n], format === 'csv'));
  if (sheets.every((s) => s.values.every((row) => row.every((v) => v === null)))) {
    throw new InputError(file, 'the workbook has no data (every sheet is empty)');
  }
  return { file, format, sheets };
}
