import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatMoney,
  formatMonth,
  formatNumber,
  formatPercent,
  formatPoints,
  formatWan,
  formatYi,
  inParens,
  colon
} from '../../../src/lib/i18n/format.ts';

describe('money', () => {
  it('shows 万元 as 亿元 with two decimals in Chinese', () => {
    expect(formatYi(7078900, 'zh-CN')).toBe('707.89亿元');
  });
  it('shows 亿元 as billions of yuan in English', () => {
    expect(formatYi(52282700, 'en')).toBe('CNY 522.83 bn');
  });
  it('rounds half away from zero on the decimal value, not its binary approximation', () => {
    expect(formatYi(10050, 'zh-CN')).toBe('1.01亿元');
    expect(formatWan(1.005, 'zh-CN')).toBe('1.01万元');
    expect(formatWan(-2.345, 'zh-CN')).toBe('-2.35万元');
  });
  it('groups thousands in 万元', () => {
    expect(formatWan(1234567.8, 'zh-CN')).toBe('1,234,567.80万元');
    expect(formatWan(1234567.8, 'en')).toBe('CNY 12,345.68 m');
    expect(formatWan(0, 'en')).toBe('CNY 0');
    expect(formatWan(0, 'zh-CN')).toBe('0万元');
    expect(formatMoney(0, 'en')).toBe('CNY 0');
  });
  it('switches to 亿元 from 10,000万元 up', () => {
    expect(formatMoney(9999.99, 'zh-CN')).toBe('9,999.99万元');
    expect(formatMoney(10000, 'zh-CN')).toBe('1.00亿元');
  });
  it('keeps large totals exact to the cent of 万元', () => {
    expect(formatNumber(52282700.01, 2)).toBe('52,282,700.01');
  });
});

describe('percentages', () => {
  it('formats a share with one decimal', () => {
    expect(formatPercent(0.4567)).toBe('45.7%');
    expect(formatPercent(1)).toBe('100.0%');
  });
  it('shows a dash for a missing or infinite share', () => {
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Infinity)).toBe('—');
  });
  it('signs a gap in percentage points', () => {
    expect(formatPoints(-12.34, 'zh-CN')).toBe('−12.3个百分点');
    expect(formatPoints(3, 'en')).toBe('+3.0 pp');
    expect(formatPoints(0, 'en')).toBe('±0.0 pp');
  });
});

describe('dates', () => {
  it('formats a calendar date without any time-zone shift', () => {
    expect(formatDate('2022-03-05', 'zh-CN')).toBe('2022年3月5日');
    expect(formatDate('2022-12-31', 'en')).toBe('31 Dec 2022');
  });
  it('formats a month', () => {
    expect(formatMonth('2022-06-01', 'zh-CN')).toBe('2022年6月');
    expect(formatMonth('2022-06', 'en')).toBe('Jun 2022');
  });
  it('rejects what is not an ISO date', () => {
    expect(() => formatDate('06/2022', 'en')).toThrow(/not an ISO date/);
  });
});

describe('a note in brackets', () => {
  it('uses full-width brackets in Chinese and a space and ASCII brackets in English', () => {
    expect(`筛选${inParens(2, 'zh-CN')}`).toBe('筛选（2）');
    expect(`Filters${inParens(2, 'en')}`).toBe('Filters (2)');
  });
  it('puts a full-width colon after a Chinese label and a colon and a space after an English one', () => {
    expect(`排序${colon('zh-CN')}`).toBe('排序：');
    expect(`Sort${colon('en')}x`).toBe('Sort: x');
  });
});
