/**
 * The pure pieces of the exports: formula neutralising, CSV encoding, file names and the XLSX's
 * about sheet.
 */
import { describe, expect, it } from 'vitest';
import { neutralise } from '../../../src/lib/export/neutralise.ts';
import { BOM, csvCell, csvHeader, csvQuote } from '../../../src/lib/export/csv.ts';
import { exportFileName } from '../../../src/lib/export/file-name.ts';
import { aboutRows, sheetNames } from '../../../src/lib/export/about.ts';
import { decimalText, isoDay } from '../../../src/lib/export/values.ts';
import type { ExportAbout, ExportColumn } from '../../../src/lib/export/types.ts';

describe('neutralise', () => {
  it('prefixes an apostrophe to text beginning with = + - @ tab or CR', () => {
    for (const bad of ['=SUM(A1)', '+1', '-2+3', '@cmd', '\tx', '\rx']) expect(neutralise(bad)).toBe(`'${bad}`);
  });
  it('leaves other text alone, a formula character later in the text included', () => {
    for (const ok of ['柳州市=大道', 'a-b', '', ' =x', "'quoted"]) expect(neutralise(ok)).toBe(ok);
  });
  it('is applied to text cells of a CSV, never to numbers', () => {
    expect(csvCell({ text: '=HYPERLINK("x")' })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell({ number: -12.5, exact: '-12.50' })).toBe('-12.50');
    expect(csvCell({ number: -0.25 })).toBe('-0.25');
  });
});

describe('CSV encoding', () => {
  it('quotes fields with commas, quotes and line breaks (RFC 4180), others bare', () => {
    expect(csvQuote('a,b')).toBe('"a,b"');
    expect(csvQuote('say "hi"')).toBe('"say ""hi"""');
    expect(csvQuote('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvQuote('柳州')).toBe('柳州');
  });
  it('starts with a BOM and ends the header with CRLF', () => {
    const columns: ExportColumn[] = [
      { id: 'name', label: '项目名称', kind: 'text' },
      { id: 'total', label: '总投资（万元）', kind: 'money' }
    ];
    const header = csvHeader(columns);
    expect(header.startsWith(BOM)).toBe(true);
    expect(header).toBe('\uFEFF项目名称,总投资（万元）\r\n');
  });
  it('writes money as its exact decimal text, dates as days, nulls as nothing', () => {
    expect(csvCell({ number: 1234.5, exact: '1234.50' })).toBe('1234.50');
    expect(csvCell({ number: 0, date: '2022-03-05' })).toBe('2022-03-05');
    expect(csvCell(null)).toBe('');
  });
  it('reads scaled decimals exactly, however large', () => {
    expect(decimalText(123450n, 2)).toBe('1234.50');
    expect(decimalText(-5n, 2)).toBe('-0.05');
    expect(decimalText(99999999999999999n, 2)).toBe('999999999999999.99');
    expect(decimalText(7, 0)).toBe('7');
    expect(isoDay(Date.UTC(2022, 8, 30))).toBe('2022-09-30');
  });
});

describe('file names', () => {
  it('say dataset, month and filter', () => {
    expect(exportFileName('柳州市2022年重大项目', '2022-09', '新开工项目', 'csv')).toBe('柳州市2022年重大项目_2022-09_新开工项目.csv');
  });
  it('say "all" when nothing is filtered', () => {
    expect(exportFileName('Liuzhou 2022', '2022-09', '', 'xlsx')).toBe('Liuzhou-2022_2022-09_all.xlsx');
    expect(exportFileName('柳州', '2022-09', '', 'xlsx', '全部')).toBe('柳州_2022-09_全部.xlsx');
  });
  it('are safe on Windows and bounded in length', () => {
    const name = exportFileName('a\\b/c:d*e?f"g<h>i|j\u0001', '2022-09', `${'很长的筛选'.repeat(30)}.`, 'parquet');
    // eslint-disable-next-line no-control-regex -- no control character may remain
    expect(name).not.toMatch(/[\\/:*?"<>|\u0000-\u001f]/);
    expect([...name].length).toBeLessThanOrEqual(100);
    expect(name.endsWith('.parquet')).toBe(true);
    expect(exportFileName('x', '2022-09', 'ends with dots...', 'csv')).toBe('x_2022-09_ends-with-dots.csv');
  });
});

describe('the about sheet', () => {
  const about: ExportAbout = {
    dataset: { id: 'liuzhou-2022', name: '柳州市2022年重大项目' },
    month: '2022-09',
    filters: ['项目类型：新开工项目', '行业：基础设施'],
    filterSummary: '新开工项目_基础设施',
    order: '总投资（万元）降序',
    locale: 'zh-CN',
    exportedAt: '2026-12-05T08:00:00.000Z'
  };
  const columns: ExportColumn[] = [
    { id: 'name', label: '项目名称', kind: 'text' },
    { id: 'total_investment', label: '总投资（万元）', kind: 'money', definition: '项目计划总投资' },
    { id: 'completion_rate', label: '投资完成率', kind: 'percent', definition: '已完成 ÷ 年度计划' }
  ];

  it('states dataset, month, filters, order, rows, units, and each column’s definition', () => {
    const rows = aboutRows(about, columns, 183);
    const lookup = Object.fromEntries(rows.filter((r) => r.length === 2).map(([k, v]) => [k, v]));
    expect(lookup['数据集']).toBe('柳州市2022年重大项目 (liuzhou-2022)');
    expect(lookup['数据截至']).toBe('2022年9月 (2022-09)');
    expect(lookup['筛选条件']).toBe('项目类型：新开工项目；行业：基础设施');
    expect(lookup['排序']).toBe('总投资（万元）降序');
    expect(lookup['行数']).toBe('183');
    expect(lookup['单位']).toContain('万元');
    expect(lookup['总投资（万元）']).toBe('项目计划总投资');
    expect(lookup['投资完成率']).toBe('已完成 ÷ 年度计划');
    expect(lookup['项目名称']).toBeUndefined();
  });
  it('says so when nothing is filtered, in English too', () => {
    const rows = aboutRows({ ...about, filters: [], locale: 'en' }, columns, 0);
    expect(rows).toContainEqual(['Filters', 'None (every project)']);
    expect(sheetNames({ locale: 'en' })).toEqual({ data: 'Data', about: 'About' });
    expect(sheetNames({ locale: 'zh-CN' })).toEqual({ data: '数据', about: '说明' });
  });
});
