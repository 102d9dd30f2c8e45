import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../../scripts/ingest/cli.ts';
import { readDatasetDir } from '../../../scripts/ingest/dataset-io.ts';
import { runIngest } from '../../../scripts/ingest/ingest.ts';
import { REASONS } from '../../../scripts/ingest/issues.ts';
import { EXCEL_ERROR, setCells } from './awkward-inputs.ts';
import { tempDir, writeDistricts, writeWorkbook, type Cell, type SheetSpec } from './fixtures.ts';

const HEADER = [
  '序号',
  '项目编号',
  '项目名称',
  '项目阶段',
  '行业类别',
  '级别',
  '县区',
  '总投资',
  '2022年计划投资',
  '开工时间',
  '经度',
  '纬度',
  '竣工时间'
];
const ok = (n: number, id: string, name: string): Cell[] => [
  n,
  id,
  name,
  '新开工',
  '基础设施',
  '市级',
  '城中区',
  100,
  50,
  '2022.03',
  null,
  null,
  null
];
const with_ = (row: Cell[], col: number, v: Cell) => row.map((x, i) => (i === col ? v : x));

/** One row per rejection reason (row numbers as the spreadsheet shows them in the comments). */
function badPlan(): SheetSpec {
  return {
    name: '计划',
    rows: [
      HEADER,
      ok(1, 'P1', '有效项目'), //                                   row 2: valid
      with_(ok(2, 'P2', ''), 2, null), //                           row 3: missing name
      with_(ok(3, 'P3', '缺总投资'), 7, null), //                    row 4: missing amount
      with_(ok(4, 'P4', '负数'), 7, -5), //                          row 5: negative amount
      with_(ok(5, 'P5', '文字金额'), 7, '约100'), //                 row 6: unreadable amount
      with_(ok(6, 'P6', '计划超总投资'), 8, 150), //                 row 7: annual above total
      ok(7, 'P7', '有效项目'), //                                   row 8: duplicate (same name as row 2)
      with_(ok(8, 'P8', '新区项目'), 6, '柳东新区'), //              row 9: unknown district
      with_(ok(9, 'P9', '日期不明'), 9, '明年开工'), //              row 10: unparseable date
      with_(ok(10, 'P10', '无阶段'), 3, null), //                    row 11: phase unknown
      with_(ok(11, 'P11', '无行业'), 4, null), //                    row 12: sector unknown
      with_(ok(12, 'P12', '级别错'), 5, '特级'), //                  row 13: value not understood
      with_(with_(ok(13, 'P13', '坐标错'), 10, 200), 11, 300), //    row 14: bad coordinates
      ok(14, 'P14', '另一有效项目'), //                              row 15: valid
      ok(15, 'P15', '公式错误'), //                                  row 16: formula error (#DIV/0! set in setup)
      with_(ok(16, 'P16', '金额超限'), 7, '10000000000000000'), //    row 17: amount out of range
      with_(with_(ok(17, 'P17', '坐标在北京'), 10, 116.397), 11, 39.909), // row 18: location outside the boundaries
      with_(ok(18, 'P18', '先竣工后开工'), 12, '2021.12'), //         row 19: completion before start
      ok(19, 'P19', '日期序号为零') //                               row 20: date serial 0 (set in setup)
    ]
  };
}

function badMonthly(): SheetSpec {
  return {
    name: '月报',
    rows: [
      ['项目编号', '项目名称', '月份', '本月完成投资', '累计完成投资'],
      ['P1', '有效项目', '2022年1月', 10, 10], //   row 2: ok
      ['P1', '有效项目', '2022年2月', null, 5], //   row 3: cumulative decreases
      ['P999', '不存在的项目', '2022年1月', 1, 1], // row 4: unmatched
      ['P14', '另一有效项目', '十三月', 1, 1], //    row 5: unparseable month
      ['P14', '另一有效项目', '2031年1月', 1, 1] //  row 6: a month outside the plan's year
    ]
  };
}

function setup() {
  const dir = tempDir();
  const file = setCells(writeWorkbook(path.join(dir, 'bad.xlsx'), [badPlan(), badMonthly()]), '计划', {
    H16: { t: 'e', v: EXCEL_ERROR['#DIV/0!'] },
    J20: { t: 'n', v: 0, z: 'yyyy-mm-dd' }
  });
  return { dir, file, out: path.join(dir, 'out'), districts: writeDistricts(dir) };
}

describe('rejections', () => {
  it('lists every row that cannot be imported with sheet, row, column and reason', async () => {
    const { file, out, districts } = setup();
    const r = await runIngest({ files: [file], dataset: 'bad', out, districts });
    const got = r.report.invalid.map((i) => [i.sheet, i.row, i.column, i.reason]);
    expect(got).toEqual(
      expect.arrayContaining([
        ['计划', 3, 'C', 'missing_name'],
        ['计划', 4, 'H', 'missing_amount'],
        ['计划', 5, 'H', 'negative_amount'],
        ['计划', 6, 'H', 'bad_amount'],
        ['计划', 7, 'I', 'annual_above_total'],
        ['计划', 8, null, 'duplicate_project'],
        ['计划', 9, 'G', 'unknown_district'],
        ['计划', 10, 'J', 'unparseable_date'],
        ['计划', 11, 'D', 'missing_phase'],
        ['计划', 12, 'E', 'missing_sector'],
        ['计划', 13, 'F', 'bad_value'],
        ['计划', 14, 'K', 'bad_coordinates'],
        ['计划', 16, 'H', 'formula_error'],
        ['计划', 17, 'H', 'amount_out_of_range'],
        ['计划', 18, 'K', 'location_outside'],
        ['计划', 19, 'M', 'completion_before_start'],
        ['计划', 20, 'J', 'bad_date_serial'],
        ['月报', 4, 'A', 'unmatched_project'],
        ['月报', 5, 'C', 'missing_month'],
        ['月报', 6, 'C', 'month_outside_plan']
      ])
    );
    const reasons = new Set(r.report.invalid.map((i) => i.reason));
    expect([...reasons].sort()).toEqual(Object.keys(REASONS).sort());
    expect(r.report.invalid.find((i) => i.reason === 'duplicate_project')!.message).toContain('row 2');
    expect(r.report.invalid.find((i) => i.reason === 'missing_name')!.header).toBe('项目名称');
    expect(r.summary).toContain('bad.xlsx, sheet "计划", row 9, column G (县区): unknown district');
    // a decreasing cumulative can be a statistical revision: a warning, an error only with --strict
    expect(r.report.warnings).toContainEqual(expect.objectContaining({ sheet: '月报', row: 3, column: 'E', check: 'ytd_decreasing' }));
  });

  it('fails the whole ingest by default: exit code 1 and nothing written, even over an existing dataset', async () => {
    const { dir, file, out, districts } = setup();
    expect(await main([file, '--dataset', 'bad', '--out', out, '--districts', districts, '--quiet'])).toBe(1);
    expect(existsSync(out)).toBe(false);
    // an existing dataset stays exactly as it was
    const good = writeWorkbook(path.join(dir, 'good.xlsx'), [{ name: '计划', rows: [HEADER, ok(1, 'P1', '有效项目')] }]);
    expect(await main([good, '--dataset', 'bad', '--out', out, '--districts', districts, '--quiet'])).toBe(0);
    const before = readFileSync(path.join(out, 'projects.parquet'));
    const report = path.join(dir, 'report.json');
    expect(await main([file, '--dataset', 'bad', '--out', out, '--districts', districts, '--quiet', '--report', report])).toBe(1);
    expect(readFileSync(path.join(out, 'projects.parquet')).equals(before)).toBe(true);
    expect(JSON.parse(readFileSync(report, 'utf8')).invalid.length).toBeGreaterThanOrEqual(15);
  });

  it('writes the valid rows and the report with --skip-invalid', async () => {
    const { file, out, districts } = setup();
    expect(await main([file, '--dataset', 'bad', '--out', out, '--districts', districts, '--skip-invalid', '--quiet'])).toBe(1);
    const ds = await readDatasetDir(out);
    expect(ds.projects!.map((p) => p.id).sort()).toEqual(['P1', 'P14']);
    expect(ds.monthly!.map((m) => [m.project_id, m.month, m.completed_ytd])).toEqual([
      ['P1', '2022-01-01', '10.00'],
      ['P1', '2022-02-01', '5.00']
    ]);
    const report = JSON.parse(readFileSync(path.join(out, 'ingest-report.json'), 'utf8'));
    expect(report).toMatchObject({ ok: false, written: true, skip_invalid: true });
    expect(report.counts).toMatchObject({ project_rows: 19, projects_imported: 2 });
    expect(readFileSync(path.join(out, 'ingest-report.txt'), 'utf8')).toContain('WRITTEN WITH INVALID ROWS SKIPPED');
  });

  it('--check validates without writing', async () => {
    const { dir, out, districts } = setup();
    const good = writeWorkbook(path.join(dir, 'good.xlsx'), [{ name: '计划', rows: [HEADER, ok(1, 'P1', '有效项目')] }]);
    expect(await main([good, '--dataset', 'x', '--out', out, '--districts', districts, '--check', '--quiet'])).toBe(0);
    expect(existsSync(out)).toBe(false);
  });
});
