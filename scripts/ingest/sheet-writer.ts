/**
 * Writes sheets in the annex layout: a title row, a unit row ("单位：万元"), a two-row header
 * whose group headers (投资情况, 前期手续 ...) are merged across their columns, then rows.
 */
import * as XLSX from '@e965/xlsx';

export interface OutColumn {
  header: string;
  /** Group header merged above consecutive columns with the same group. */
  group?: string;
  width?: number;
}

/** A date written as a real date cell (serial number with a date format), no time zone involved. */
export interface DateOut {
  date: string;
}
export type OutCell = string | number | boolean | null | DateOut;

const EPOCH = Date.UTC(1899, 11, 30);
export function dateSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return (Date.UTC(y, m - 1, d) - EPOCH) / 86_400_000;
}

export function buildSheet(title: string, unitLine: string | null, columns: OutColumn[], rows: OutCell[][]): XLSX.WorkSheet {
  const top: OutCell[] = [];
  const sub: OutCell[] = [];
  const merges: XLSX.Range[] = [];
  const headerRow = unitLine ? 2 : 1;
  const last = columns.length - 1;
  merges.push({ s: { r: 0, c: 0 }, e: { r: 0, c: last } });
  if (unitLine) merges.push({ s: { r: 1, c: 0 }, e: { r: 1, c: last } });
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c];
    if (!col.group) {
      top.push(col.header);
      sub.push(null);
      merges.push({ s: { r: headerRow, c }, e: { r: headerRow + 1, c } });
      continue;
    }
    const startsGroup = c === 0 || columns[c - 1].group !== col.group;
    top.push(startsGroup ? col.group : null);
    sub.push(col.header);
    if (startsGroup) {
      let end = c;
      while (end + 1 < columns.length && columns[end + 1].group === col.group) end++;
      if (end > c) merges.push({ s: { r: headerRow, c }, e: { r: headerRow, c: end } });
    }
  }
  const aoa: OutCell[][] = [[title], ...(unitLine ? [[unitLine]] : []), top, sub, ...rows];
  const plain = aoa.map((row) => row.map((v) => (v !== null && typeof v === 'object' ? null : v)));
  const ws = XLSX.utils.aoa_to_sheet(plain);
  aoa.forEach((row, r) =>
    row.forEach((v, c) => {
      if (v !== null && typeof v === 'object') ws[XLSX.utils.encode_cell({ r, c })] = { t: 'n', v: dateSerial(v.date), z: 'yyyy-mm-dd' };
    })
  );
  ws['!merges'] = merges;
  ws['!cols'] = columns.map((c) => ({ wch: c.width ?? Math.max(8, c.header.length * 2 + 2) }));
  return ws;
}
