/**
 * Builders for awkward inputs the plain fixtures cannot make: an .xlsx whose sheet declares a
 * dimension it does not fill. The .xlsx is a zip; SheetJS's own CFB module rewrites its parts.
 */
import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';

function sheetXml(zip: ReturnType<typeof XLSX.CFB.read>, sheet: number) {
  const entry = XLSX.CFB.find(zip, `/xl/worksheets/sheet${sheet}.xml`);
  if (!entry) throw new Error(`no sheet${sheet}.xml`);
  return entry;
}

/** The dimension the first sheet of an .xlsx declares, e.g. "A1:G2". */
export function declaredDimension(file: string, sheet = 1): string | null {
  const xml = Buffer.from(sheetXml(XLSX.CFB.read(readFileSync(file), { type: 'buffer' }), sheet).content as Uint8Array).toString('utf8');
  return /<dimension ref="([^"]*)"/.exec(xml)?.[1] ?? null;
}

/**
 * Rewrites the dimension a sheet declares. Setting `ws['!ref']` before writing would make SheetJS
 * itself walk every declared cell, so the written file is patched instead.
 */
export function declareDimension(file: string, ref: string, sheet = 1): string {
  const zip = XLSX.CFB.read(readFileSync(file), { type: 'buffer' });
  const entry = sheetXml(zip, sheet);
  const xml = Buffer.from(entry.content as Uint8Array).toString('utf8');
  if (!/<dimension ref="[^"]*"/.test(xml)) throw new Error('the sheet declares no dimension');
  entry.content = Buffer.from(xml.replace(/<dimension ref="[^"]*"/, `<dimension ref="${ref}"`), 'utf8');
  entry.size = (entry.content as Buffer).length;
  writeFileSync(file, XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Uint8Array);
  return file;
}

/**
 * Replaces cells of a written workbook with raw SheetJS cells the fixtures' rows cannot express:
 * formula errors (`{ t: 'e', v: 0x07 }` is #DIV/0!) or date-formatted serials such as 0.
 */
export function setCells(file: string, sheet: string, cells: Record<string, XLSX.CellObject>): string {
  const wb = XLSX.read(readFileSync(file), { type: 'buffer', cellNF: true });
  Object.assign(wb.Sheets[sheet], cells);
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: /\.xlsx$/i.test(file) ? 'xlsx' : 'biff8' }) as Buffer);
  return file;
}

/** Excel's codes for formula errors, as SheetJS writes them. */
export const EXCEL_ERROR = { '#NULL!': 0x00, '#DIV/0!': 0x07, '#VALUE!': 0x0f, '#REF!': 0x17, '#N/A': 0x2a } as const;
