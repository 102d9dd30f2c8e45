/**
 * CSV and XLSX encoding of DuckDB's own Arrow results (duckdb-wasm, as in the browser): money
 * exact, numbers never neutralised, the XLSX's money cells numbers in the 万元 format, its header
 * frozen, and the file read back by SheetJS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import { openWasm, type Engine } from '../db/engines.ts';
import { csvHeader, csvLines } from '../../../src/lib/export/csv.ts';
import { columnReaders, readIpc } from '../../../src/lib/export/values.ts';
import { DataSheet, MONEY_FORMAT, PERCENT_FORMAT, writeWorkbook } from '../../../src/lib/export/xlsx.ts';
import type { ExportColumn } from '../../../src/lib/export/types.ts';

let engine: Engine;
const ipc = async (sql: string) => (await engine.connector.query({ type: 'arrow', sql } as never)) as unknown as Uint8Array;

const ROWS = `SELECT * FROM (VALUES
  ('P1', '=SUM(A1:A9)', CAST(12345.67 AS DECIMAL(18,2)), CAST(-0.05 AS DECIMAL(18,2)), CAST(0.4567 AS DOUBLE), DATE '2022-03-05', CAST(-3.5 AS DOUBLE)),
  ('P2', '普通项目, "引号"', CAST(0.10 AS DECIMAL(18,2)), NULL, NULL, NULL, CAST(2 AS DOUBLE)),
  ('P3', '@home', CAST(9999999999999.99 AS DECIMAL(18,2)), CAST(1 AS DECIMAL(18,2)), CAST(1 AS DOUBLE), DATE '2023-12-31', CAST(0 AS DOUBLE))
) AS t(id, name, total, plan, rate, start, gap) ORDER BY id`;
const COLUMNS: ExportColumn[] = [
  { id: 'id', label: '项目编号', kind: 'text' },
  { id: 'name', label: '项目名称', kind: 'text' },
  { id: 'total', label: '总投资（万元）', kind: 'money' },
  { id: 'plan', label: '年度计划投资（万元）', kind: 'money' },
  { id: 'rate', label: '投资完成率', kind: 'percent' },
  { id: 'start', label: '开工日期', kind: 'date' },
  { id: 'gap', label: '快慢（百分点）', kind: 'number' }
];

beforeAll(async () => {
  engine = await openWasm();
});
afterAll(() => engine?.close());

describe('CSV of a DuckDB result', () => {
  it('writes each value as DuckDB holds it, text neutralised and quoted', async () => {
    const table = readIpc(await ipc(ROWS));
    const text = csvHeader(COLUMNS) + csvLines(columnReaders(table, COLUMNS), table.numRows);
    expect(text.split('\r\n')).toEqual([
      '\uFEFF项目编号,项目名称,总投资（万元）,年度计划投资（万元）,投资完成率,开工日期,快慢（百分点）',
      `P1,'=SUM(A1:A9),12345.67,-0.05,0.4567,2022-03-05,-3.5`,
      'P2,"普通项目, ""引号""",0.10,,,,2',
      `P3,'@home,9999999999999.99,1.00,1,2023-12-31,0`,
      ''
    ]);
  });
});

describe('XLSX of a DuckDB result', () => {
  const about = [['导出说明'], ['数据集', '测试 (t)']];
  async function workbook() {
    const table = readIpc(await ipc(ROWS));
    const sheet = new DataSheet(COLUMNS);
    sheet.add(columnReaders(table, COLUMNS), table.numRows);
    return writeWorkbook(sheet, about, { data: '数据', about: '说明' });
  }

  it('holds money as numbers in the 万元 format, shares as percentages, text neutralised', async () => {
    const wb = XLSX.read(await workbook(), { type: 'array', cellNF: true });
    expect(wb.SheetNames).toEqual(['数据', '说明']);
    const ws = wb.Sheets['数据'];
    expect(ws.A1.v).toBe('项目编号');
    expect(ws.C1.v).toBe('总投资（万元）');
    expect(ws.B2).toMatchObject({ t: 's', v: "'=SUM(A1:A9)" });
    expect(ws.C2).toMatchObject({ t: 'n', v: 12345.67, z: MONEY_FORMAT });
    expect(ws.D2).toMatchObject({ t: 'n', v: -0.05, z: MONEY_FORMAT });
    expect(ws.C4).toMatchObject({ t: 'n', v: 9999999999999.99 });
    expect(ws.E2).toMatchObject({ t: 'n', v: 0.4567, z: PERCENT_FORMAT });
    expect(ws.G2).toMatchObject({ t: 'n', v: -3.5 });
    expect(ws.D3).toBeUndefined();
    expect(XLSX.SSF.format(ws.F2.z as string, ws.F2.v as number)).toBe('2022-03-05');
    expect(wb.Sheets['说明'].B2.v).toBe('测试 (t)');
  });

  it('freezes the header row (a pane in the sheet XML, as Excel and WPS read it)', async () => {
    const zip = XLSX.CFB.read(await workbook(), { type: 'array' });
    const xml = new TextDecoder().decode(XLSX.CFB.find(zip, '/xl/worksheets/sheet1.xml')!.content as Uint8Array);
    expect(xml).toContain('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>');
    expect(xml).toContain('<autoFilter ref="A1:G4"/>');
  });
});
