import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDatasetDir } from '../../../scripts/ingest/dataset-io.ts';
import { runIngest } from '../../../scripts/ingest/ingest.ts';
import { tempDir, writeDistricts, writeWorkbook, type SheetSpec } from './fixtures.ts';

const plan: SheetSpec = {
  name: '计划',
  rows: [
    ['项目编号', '项目名称', '项目阶段', '行业类别', '县区', '总投资', '2022年计划投资'],
    ['A1', '滨江大道', '续建', '基础设施', '城中区', 12000, 1200],
    ['A2', '第二水厂', '新开工', '基础设施', '鱼峰区', 6000, 600]
  ]
};

async function planned() {
  const dir = tempDir();
  const out = path.join(dir, 'out');
  const districts = writeDistricts(dir);
  const r = await runIngest({ files: [writeWorkbook(path.join(dir, 'plan.xlsx'), [plan])], dataset: 'm-2022', out, districts });
  expect(r.ok).toBe(true);
  return { dir, out, districts };
}

describe('monthly returns', () => {
  it('merges a long-form return, matched by id or exact name, deriving the missing cumulative', async () => {
    const { dir, out, districts } = await planned();
    const ret: SheetSpec = {
      name: '3月月报',
      rows: [
        ['柳州市重大项目月报'],
        ['单位：万元'],
        ['项目编号', '项目名称', '月份', '本月完成投资', '累计完成投资', '形象进度', '填报日期'],
        ['A1', null, '2022年1月', 100, null, '5%', { date: '2022-02-04' }],
        ['A1', null, '2022-02', 150, null, '10%', { date: '2022-03-03' }],
        [null, ' 第二水厂 ', '2022.03', null, 80, '场地平整', null]
      ]
    };
    const r = await runIngest({
      files: [writeWorkbook(path.join(dir, 'ret.xlsx'), [ret])],
      dataset: 'm-2022',
      out,
      districts,
      index: true
    });
    expect(JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8'))).toEqual([
      { id: 'm-2022', name: { zh: 'm-2022', en: 'm-2022' }, year: 2022, projects: 2 }
    ]);
    expect(r.ok).toBe(true);
    const ds = await readDatasetDir(out);
    expect(ds.projects).toHaveLength(2); // the plan is kept when only returns are ingested
    expect(
      ds.monthly!.map((m) => [
        m.project_id,
        m.month,
        m.completed_month,
        m.completed_ytd,
        m.planned_ytd,
        m.physical_progress,
        m.physical_note,
        m.reported_on
      ])
    ).toEqual([
      ['A1', '2022-01-01', '100.00', '100.00', '100.00', 5, null, '2022-02-04'],
      ['A1', '2022-02-01', '150.00', '250.00', '200.00', 10, null, '2022-03-03'],
      ['A2', '2022-03-01', '80.00', '80.00', '150.00', 0, '场地平整', '2022-03-31']
    ]);
    expect(ds.meta!.as_of).toBe('2022-03-31');
    // returns alone keep the plan's metadata and add their own defaults
    expect(ds.meta!.source_document).toBe('plan.xlsx; ret.xlsx');
    expect(ds.meta!.invented).toEqual(
      expect.arrayContaining([expect.stringMatching(/^invested_before: 0/), expect.stringMatching(/^monthly planned_ytd/)])
    );
    expect(r.report.warnings.some((w) => /no return for the previous month/.test(w.message))).toBe(true);
  });

  it('reads a wide return (one column per month) and a later return replaces the same month', async () => {
    const { dir, out, districts } = await planned();
    const wide: SheetSpec = {
      name: '完成投资',
      rows: [
        ['项目名称', '1月', '2月', '3月'],
        ['滨江大道', 100, 100, null],
        ['第二水厂', 10, null, 30]
      ]
    };
    expect((await runIngest({ files: [writeWorkbook(path.join(dir, 'w.xlsx'), [wide])], dataset: 'm-2022', out, districts })).ok).toBe(
      true
    );
    const fix: SheetSpec = {
      name: 'Sheet1',
      rows: [
        ['项目编号', '月份', '本月完成投资'],
        ['A1', '2022年2月', 120]
      ]
    };
    expect((await runIngest({ files: [writeWorkbook(path.join(dir, 'f.xlsx'), [fix])], dataset: 'm-2022', out, districts })).ok).toBe(true);
    const ds = await readDatasetDir(out);
    expect(ds.monthly!.map((m) => [m.project_id, String(m.month).slice(0, 7), m.completed_month, m.completed_ytd])).toEqual([
      ['A1', '2022-01', '100.00', '100.00'],
      ['A1', '2022-02', '120.00', '220.00'],
      ['A2', '2022-01', '10.00', '10.00'],
      ['A2', '2022-03', '30.00', '40.00']
    ]);
  });

  it('keeps monthly rows when the plan is re-ingested, for the projects still in it', async () => {
    const { dir, out, districts } = await planned();
    const ret: SheetSpec = {
      name: 'm',
      rows: [
        ['项目编号', '月份', '累计完成投资'],
        ['A1', '2022-01', 50],
        ['A2', '2022-01', 20]
      ]
    };
    await runIngest({ files: [writeWorkbook(path.join(dir, 'r.xlsx'), [ret])], dataset: 'm-2022', out, districts });
    const smaller: SheetSpec = { name: '计划', rows: plan.rows.slice(0, 2) };
    const r = await runIngest({ files: [writeWorkbook(path.join(dir, 'p2.xlsx'), [smaller])], dataset: 'm-2022', out, districts });
    expect(r.ok).toBe(true);
    const ds = await readDatasetDir(out);
    expect(ds.monthly!.map((m) => m.project_id)).toEqual(['A1']);
  });
});
