import { describe, expect, it } from 'vitest';
import { centsToMoney, centsToYi, parseAmount } from '../../../scripts/ingest/parse-amount.ts';
import { parseDate, parseDateSpan, parseMonth } from '../../../scripts/ingest/parse-date.ts';
import { DistrictIndex, splitList } from '../../../scripts/ingest/parse-places.ts';
import { mapHeader } from '../../../scripts/ingest/header-map.ts';
import { DISTRICTS } from './fixtures.ts';

const cents = (v: unknown, unit?: '万元' | '亿元') => {
  const r = parseAmount(v, unit);
  return r.ok ? r.cents : `error: ${r.reason}`;
};

describe('parseAmount', () => {
  it('reads numbers, thousands separators, full-width digits and stray spaces as exact cents of 万元', () => {
    expect(cents(1407.74)).toBe(140774n);
    expect(cents('12,345.67')).toBe(1234567n);
    expect(cents('１２，３４５．６７')).toBe(1234567n);
    expect(cents(' 1 234 ')).toBe(123400n);
    expect(cents('\u3000500\u00a0')).toBe(50000n);
  });
  it('converts 亿元 to 万元 exactly, from the cell or the declared unit', () => {
    expect(cents('1.23亿元')).toBe(1230000n);
    expect(cents('1407.74亿')).toBe(1407740000n);
    expect(cents(0.07, '亿元')).toBe(70000n);
    expect(cents('3.5万元', '亿元')).toBe(350n);
    expect(cents('12345元')).toBe(123n);
  });
  it('sums 0.1 + 0.2 亿 without floating-point error', () => {
    const a = cents('0.1亿') as bigint;
    const b = cents('0.2亿') as bigint;
    expect(centsToMoney(a + b)).toBe('3000.00');
  });
  it('keeps every cent above 2^53 cents, from text and from the shortest form of a number cell', () => {
    expect(cents('90071992547409.93')).toBe(9007199254740993n);
    expect(cents('90,071,992,547,409.93')).toBe(9007199254740993n);
    expect(cents('9007199254.740993亿')).toBe(9007199254740993n);
    expect(centsToMoney(9007199254740993n)).toBe('90071992547409.93');
    expect(cents(1e21)).toBe(100000000000000000000000n);
    expect(cents(1.5e-7)).toBe(0n);
  });
  it('treats blanks and dashes as missing, text as unreadable, keeps the sign', () => {
    expect(cents(null)).toBeNull();
    expect(cents('—')).toBeNull();
    expect(cents('')).toBeNull();
    expect(cents('约500')).toMatch(/^error/);
    expect(cents('-20')).toBe(-2000n);
  });
  it('rounds half up beyond two decimals and says so', () => {
    expect(parseAmount('1.005')).toEqual({ ok: true, cents: 101n, rounded: true });
  });
  it('formats cents as 亿元 with two decimals', () => {
    expect(centsToYi(1407740000n)).toBe('1407.74');
    expect(centsToYi(1407745000n)).toBe('1407.75');
    expect(centsToYi(5500000n)).toBe('5.50');
  });
});

describe('parseDate', () => {
  const start = (v: unknown) => {
    const r = parseDate(v, 'start');
    return r.ok ? r.date : 'error';
  };
  const end = (v: unknown) => {
    const r = parseDate(v, 'end');
    return r.ok ? r.date : 'error';
  };
  it('reads the ways plans write months', () => {
    expect(start('2022.03')).toBe('2022-03-01');
    expect(start('2022年3月')).toBe('2022-03-01');
    expect(start('2022-3')).toBe('2022-03-01');
    expect(end('2022.3')).toBe('2022-03-31');
    expect(end('2024年2月')).toBe('2024-02-29');
    expect(start('２０２２年３月')).toBe('2022-03-01');
  });
  it('reads 年底, 上半年, 季度 and bare years as periods', () => {
    expect(end('2022年底')).toBe('2022-12-31');
    expect(start('2022年底')).toBe('2022-12-01');
    expect(end('2023年上半年')).toBe('2023-06-30');
    expect(start('2023年三季度')).toBe('2023-07-01');
    expect(end('2024年')).toBe('2024-12-31');
    expect(start('2024')).toBe('2024-01-01');
  });
  it('reads full dates and date cells', () => {
    expect(start('2022-03-15')).toBe('2022-03-15');
    expect(start('2022年3月15日')).toBe('2022-03-15');
    expect(start({ kind: 'date', y: 2022, m: 5, d: 15 })).toBe('2022-05-15');
  });
  it('rejects what is not a date', () => {
    expect(start('明年')).toBe('error');
    expect(start('2022-13')).toBe('error');
    expect(start('2022-02-30')).toBe('error');
    expect(start('—')).toBeNull();
  });
  it('splits spans into a start and an end, and reads months of returns', () => {
    expect(parseDateSpan('2022-2024')).toEqual({ ok: true, start: '2022-01-01', end: '2024-12-31' });
    expect(parseDateSpan('2022.3—2023.6')).toEqual({ ok: true, start: '2022-03-01', end: '2023-06-30' });
    expect(parseMonth('2022年3月')).toEqual({ ok: true, month: '2022-03-01' });
    expect(parseMonth('3月', 2022)).toEqual({ ok: true, month: '2022-03-01' });
  });
});

describe('places', () => {
  const index = new DistrictIndex(DISTRICTS, { 柳东新区: '450203' });
  it('splits cells listing several places or units', () => {
    expect(splitList('城中区、鱼峰区，柳南区/融水县\n城中区')).toEqual(['城中区', '鱼峰区', '柳南区', '融水县']);
  });
  it('matches exact names, names without suffix, codes, city-prefixed names and short county names', () => {
    expect(index.match('城中区')?.district.code).toBe('450202');
    expect(index.match('柳南')?.district.code).toBe('450204');
    expect(index.match('450203')?.district.name).toBe('鱼峰区');
    expect(index.match('柳州市城中区')?.district.code).toBe('450202');
    expect(index.match('融水县')?.district.code).toBe('450225');
  });
  it('maps development zones only through the zone table', () => {
    expect(index.match('柳东新区')).toMatchObject({ via: 'zone', district: { code: '450203' } });
    expect(new DistrictIndex(DISTRICTS).match('柳东新区')).toBeNull();
    expect(index.match('阳和工业新区')).toBeNull();
  });
});

describe('header synonyms', () => {
  it('maps the names districts use to the same fields, with units and years', () => {
    expect(mapHeader('项目名称', 'plan')?.field).toBe('name');
    expect(mapHeader('名称', 'plan')?.field).toBe('name');
    expect(mapHeader('总投资（万元）', 'plan')).toMatchObject({ field: 'total', unit: '万元' });
    expect(mapHeader('总投资(亿元)', 'plan')).toMatchObject({ field: 'total', unit: '亿元' });
    expect(mapHeader('2022年计划投资', 'plan')).toMatchObject({ field: 'annual', year: 2022 });
    expect(mapHeader('年度计划投资', 'plan')?.field).toBe('annual');
    expect(mapHeader('县（区）', 'plan')?.field).toBe('district');
    expect(mapHeader('经度（GCJ-02）', 'plan')).toMatchObject({ field: 'lon', datum: 'gcj02' });
    expect(mapHeader('立项', 'plan', '前期手续')?.field).toBe('approval_project');
    expect(mapHeader('3月', 'monthly')).toMatchObject({ field: 'month_amount', monthOfYear: 3 });
  });
});
