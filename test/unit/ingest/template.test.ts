import * as XLSX from '@e965/xlsx';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/ingest/cli.ts';
import { readDatasetDir } from '../../../scripts/ingest/dataset-io.ts';
import { runIngest } from '../../../scripts/ingest/ingest.ts';
import { tempDir, writeDistricts } from './fixtures.ts';

function sheetXml(file: string, p: string): string {
  const zip = XLSX.CFB.read(readFileSync(file), { type: 'buffer' });
  return Buffer.from(XLSX.CFB.find(zip, `/${p}`)!.content as Uint8Array).toString('utf8');
}

describe('the fill-in template', () => {
  it('has drop-down validation lists for phase, sector, level, datum and approvals', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'template.xlsx');
    expect(await main(['--template', file, '--year', '2023', '--quiet'])).toBe(0);
    const xml = sheetXml(file, 'xl/worksheets/sheet1.xml');
    expect(xml).toMatch(/<dataValidations count="11">/);
    expect(xml).toContain('<dataValidation type="list" allowBlank="1"');
    expect(xml).toContain('sqref="D5:D2004"><formula1>"预备,新开工,续建,竣工"</formula1>');
    expect(xml).toContain('sqref="E5:E2004"><formula1>"基础设施,产业发展,民生保障,生态环保"</formula1>');
    // dataValidations must come after mergeCells (schema order) or Excel repairs the file
    expect(xml.indexOf('<dataValidations')).toBeGreaterThan(xml.indexOf('</mergeCells>'));
    const wb = XLSX.read(readFileSync(file), { type: 'buffer' });
    expect(wb.SheetNames).toEqual(['项目计划', '月报', '填表说明']);
    expect(XLSX.utils.sheet_to_json<string[]>(wb.Sheets['项目计划'], { header: 1 })[3]).toContain('2023年计划投资');
  });

  it('once filled in, ingests', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'template.xlsx');
    await main(['--template', file, '--year', '2022', '--quiet']);
    const wb = XLSX.read(readFileSync(file), { type: 'buffer', cellNF: true });
    const ws = wb.Sheets['项目计划'];
    XLSX.utils.sheet_add_aoa(
      ws,
      [
        [
          1,
          null,
          '融水县城供水工程',
          '新开工',
          '基础设施',
          '县级',
          '融水县',
          '供水管网',
          '1.2亿元',
          0,
          3000,
          '2022年3月',
          '2023年底',
          '县水利局',
          null,
          '县水务公司',
          null,
          109.2581,
          25.0657,
          'GCJ-02',
          '已完成',
          '办理中',
          '未办理',
          '无需办理',
          '已完成',
          '未办理',
          '是',
          null
        ]
      ],
      { origin: 'A5' }
    );
    const filled = path.join(dir, 'filled.xlsx');
    writeFileSync(filled, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
    const out = path.join(dir, 'out');
    const r = await runIngest({ files: [filled], dataset: 'tpl', out, districts: writeDistricts(dir) });
    expect(r.summary).toContain('1 imported');
    expect(r.ok).toBe(true);
    const p = (await readDatasetDir(out)).projects![0];
    expect(p).toMatchObject({
      phase: 'new',
      sector: 'infrastructure',
      level: 'county',
      district_code: '450225',
      total_investment: '12000.00',
      annual_plan: '3000.00',
      location_precision: 'surveyed',
      approval_project: 'done',
      approval_land: 'in_progress',
      approval_planning: 'pending',
      approval_eia: 'not_required',
      stat_registered: true,
      planned_completion: '2023-12-31'
    });
  });
});
