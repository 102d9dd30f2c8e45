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
