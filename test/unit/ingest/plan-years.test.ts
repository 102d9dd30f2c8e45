import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetDir } from '../../../scripts/ingest/dataset-io.ts';
import { runIngest } from '../../../scripts/ingest/ingest.ts';
import { parseYearOption, titleYears } from '../../../scripts/ingest/plan-years.ts';
import { tempDir, writeDistricts, writeWorkbook, type SheetSpec } from './fixtures.ts';

const HEADER = ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '年度计划投资'];
const returns = (months: string[]): SheetSpec => ({
  name: '月报',
  rows: [['项目编号', '月份', '累计完成投资'], ...months.map((m, i) => ['J1', m, 10 * (i + 1)])]
});

async function ingest(sheets: SheetSpec[], extra: { year?: number; years?: number[] } = {}) {
  const dir = tempDir();
  const out = path.join(dir, 'out');
  const result = await runIngest({
    files: [writeWorkbook(path.join(dir, 'a.xlsx'), sheets)],
    dataset: 'jj',
    out,
    districts: writeDistricts(dir),
    ...extra
  });
  return { result, ds: await readDatasetDir(out), out, dir };
}

describe("the plan's years", () => {
  it('reads a year, or a range of years, from --year', () => {
    expect(parseYearOption('2022')).toEqual({ year: 2022, years: [2022] });
    expect(parseYearOption('2021-2023')).toEqual({ year: 2023, years: [2021, 2022, 2023] });
    expect(parseYearOption('2021—2023')).toEqual({ year: 2023, years: [2021, 2022, 2023] });
    expect(parseYearOption('2023-2021')).toBeNull();
    expect(parseYearOption('22')).toBeNull();
  });
  it("takes a title's range of years unless another year stands beside it", () => {
    expect(titleYears('九江市“城建项目大会战”（2021—2023年）项目表')).toEqual([2021, 2023]);
    expect(titleYears('2021年至2023年重点项目')).toEqual([2021, 2023]);
    expect(titleYears('“十四五”（2021—2025年）重大项目2022年度计划')).toEqual([2022, 2022]);
    expect(titleYears('柳州市2022年重大项目计划表')).toEqual([2022, 2022]);
    expect(titleYears('重大项目计划表')).toBeNull();
  });
  it('accepts returns in every year of a three-year programme, lists them in meta.years, and refuses a fourth', async () => {
    const plan: SheetSpec = {
      name: '计划',
      rows: [['九江市城建项目大会战（2021—2023年）'], HEADER, ['J1', '八里湖大道', '续建', '基础设施', '城中区', 9000, 3000]]
    };
    const ok = await ingest([plan, returns(['2021-06', '2022-06', '2023-06'])]);
    expect(ok.result.ok).toBe(true);
    expect(ok.ds.meta).toMatchObject({ year: 2023, years: [2021, 2022, 2023], as_of: '2023-06-30' });
    expect(ok.result.summary).toContain('Plan years: 2021–2023 (monthly returns from 2021-01 to 2023-12).');
    const bad = await ingest([plan, returns(['2023-06', '2024-01'])]);
    expect(bad.result.report.invalid.map((i) => [i.sheet, i.row, i.column, i.reason])).toEqual([['月报', 3, 'B', 'month_outside_plan']]);
    expect(bad.result.report.invalid[0].message).toBe(
      "2024-01 is outside the plan's years 2021–2023: a return must be for a month from 2021-01 to 2023-12 (a typo in the year?)"
    );
  });
  it('takes the years of --year over the sheets', async () => {
    const plan: SheetSpec = { name: '计划', rows: [HEADER, ['J1', '八里湖大道', '续建', '基础设施', '城中区', 9000, 3000]] };
    const r = await ingest([plan, returns(['2021-06', '2022-06'])], { year: 2022, years: [2021, 2022] });
    expect(r.result.ok).toBe(true);
    expect(r.ds.meta).toMatchObject({ year: 2022, years: [2021, 2022] });
  });
  it("drops the dataset's earlier monthly rows outside the plan's years, and says so", async () => {
    const plan: SheetSpec = { name: '计划', rows: [HEADER, ['J1', '八里湖大道', '续建', '基础设施', '城中区', 9000, 3000]] };
    const first = await ingest([plan, returns(['2022-03', '2031-01'])], { year: 2022, years: [2022, 2031] });
    expect(first.ds.meta!.as_of).toBe('2031-01-31');
    const again = await runIngest({
      files: [writeWorkbook(path.join(first.dir, 'p.xlsx'), [plan])],
      dataset: 'jj',
      out: first.out,
      districts: path.join(first.dir, 'districts.geojson'),
      year: 2022
    });
    expect(again.report.warnings.map((w) => w.message)).toContain(
      "the dataset's earlier monthly rows for 2031-01 fall outside the plan's years 2022 and are dropped"
    );
    const ds = await readDatasetDir(first.out);
    expect(ds.monthly!.map((m) => m.month)).toEqual(['2022-03-01']);
    expect(ds.meta!.as_of).toBe('2022-03-31');
  });
});
