/**
 * Date cells to ISO dates. Plans write "2022.03", "2022年3月", "2022-3", "2022年底",
 * "2022年上半年", "2022-2024" (a span) or real date cells. A period is read as its first day
 * for a start and its last day for an end, so "2022年底" ends on 2022-12-31.
 */
import { toHalfWidth } from './text.ts';
import { chineseNumeral } from './text.ts';

export type DateRole = 'start' | 'end';
export type DateResult = { ok: true; date: string | null } | { ok: false; reason: string; serial?: true };
/** A date cell from a workbook: calendar parts, no time zone involved. */
export interface DateCell {
  kind: 'date';
  y: number;
  m: number;
  d: number;
  /** Excel's day number, kept when it is below 1 and so no date at all (y, m, d are then 0). */
  serial?: number;
}

/** Why a date-formatted cell holding 0 or a negative number is no date, and what to do. */
export function serialMessage(serial: number): string {
  return `Excel date serial ${serial} is not a date (day 1 is 1900-01-01; 0 or less is what an empty or subtracted date cell shows): type the date`;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

function validYmd(y: number, m: number, d: number): boolean {
  return y >= 1949 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= lastDay(y, m);
}

/** A span of months [from, to] of year y read as a start (first day) or an end (last day). */
function period(y: number, from: number, to: number, role: DateRole): string {
  return role === 'start' ? iso(y, from, 1) : iso(y, to, lastDay(y, to));
}

export function isDateCell(v: unknown): v is DateCell {
  return typeof v === 'object' && v !== null && (v as DateCell).kind === 'date';
}

/** A cell value as a report shows it: a date cell as y-m-d, or its serial when it is no date. */
export function cellText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (isDateCell(v)) return v.serial !== undefined ? String(v.serial) : `${v.y}-${v.m}-${v.d}`;
  return String(v);
}

const BLANK = /^(|-|--|—|——|－|\/|无|待定|\\)$/;

/** Parses one date; numbers that are not date cells are read as text ("2022.03" typed as a number). */
export function parseDate(value: unknown, role: DateRole = 'start'): DateResult {
  if (value === null || value === undefined) return { ok: true, date: null };
  if (isDateCell(value)) {
    if (value.serial !== undefined) return { ok: false, reason: serialMessage(value.serial), serial: true };
    return validYmd(value.y, value.m, value.d)
      ? { ok: true, date: iso(value.y, value.m, value.d) }
      : { ok: false, reason: `date out of range: ${value.y}-${value.m}-${value.d}` };
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'invalid date' };
    return { ok: true, date: iso(value.getFullYear(), value.getMonth() + 1, value.getDate()) };
  }
  const raw = typeof value === 'number' ? String(value) : String(value);
  const s = toHalfWidth(raw).replace(/[\s\u00a0]+/g, '');
  if (BLANK.test(s)) return { ok: true, date: null };
  const bad = { ok: false as const, reason: `unparseable date: "${raw}"` };
  let m: RegExpExecArray | null;
  // 2022-03-15, 2022/3/15, 2022.3.15, 2022年3月15日
  if ((m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s)) || (m = /^(\d{4})(\d{2})(\d{2})$/.exec(s))) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return validYmd(y, mo, d) ? { ok: true, date: iso(y, mo, d) } : bad;
  }
  // 2022.03, 2022-3, 2022/03, 2022年3月, 2022年03月份, 202203
  if ((m = /^(\d{4})[-/.年](\d{1,2})(?:月份?)?$/.exec(s)) || (m = /^(\d{4})(\d{2})$/.exec(s))) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    return validYmd(y, mo, 1) ? { ok: true, date: period(y, mo, mo, role) } : bad;
  }
  // 2022年底 / 年末 / 年初 / 年中 / 上半年 / 下半年 / 一季度 / 2022年 / 2022
  if ((m = /^(\d{4})(?:年)?(.*)$/.exec(s))) {
    const y = Number(m[1]);
    if (!validYmd(y, 1, 1)) return bad;
    const rest = m[2].replace(/^年/, '');
    if (rest === '' || rest === '度' || rest === '内' || rest === '全年') return { ok: true, date: period(y, 1, 12, role) };
    if (/^(底|末|年底|年末|12月底)$/.test(rest)) return { ok: true, date: period(y, 12, 12, role) };
    if (/^(初|年初)$/.test(rest)) return { ok: true, date: period(y, 1, 1, role) };
    if (/^(中|年中)$/.test(rest)) return { ok: true, date: period(y, 6, 7, role) };
    if (rest === '上半年') return { ok: true, date: period(y, 1, 6, role) };
    if (rest === '下半年') return { ok: true, date: period(y, 7, 12, role) };
    const q = /^(?:第)?([一二三四1-4])季度?$/.exec(rest);
    if (q) {
      const n = chineseNumeral(q[1])!;
      return { ok: true, date: period(y, n * 3 - 2, n * 3, role) };
    }
    const mo = /^(\d{1,2})月(?:底|末|份)?$/.exec(rest);
    if (mo && validYmd(y, Number(mo[1]), 1)) {
      const n = Number(mo[1]);
      return { ok: true, date: /[底末]$/.test(rest) ? iso(y, n, lastDay(y, n)) : period(y, n, n, role) };
    }
  }
  return bad;
}

/** "2022-2024", "2022.3-2024.12", "2022年至2024年": a start and an end. */
export function parseDateSpan(
  value: unknown
): { ok: true; start: string | null; end: string | null } | { ok: false; reason: string; serial?: true } {
  if (value === null || value === undefined) return { ok: true, start: null, end: null };
  if (isDateCell(value) || typeof value === 'number') {
    const r = parseDate(value, 'start');
    return r.ok ? { ok: true, start: r.date, end: null } : r;
  }
  const s = toHalfWidth(String(value)).replace(/[\s\u00a0]+/g, '');
  if (BLANK.test(s)) return { ok: true, start: null, end: null };
  const parts = s.split(/[-~—–至到]+(?=\d{4})/);
  if (parts.length !== 2) {
    const r = parseDate(s, 'start');
    return r.ok ? { ok: true, start: r.date, end: null } : { ok: false, reason: `unparseable date span: "${value}"` };
  }
  const a = parseDate(parts[0], 'start');
  const b = parseDate(parts[1], 'end');
  if (!a.ok || !b.ok) return { ok: false, reason: `unparseable date span: "${value}"` };
  return { ok: true, start: a.date, end: b.date };
}

/** Month cells of monthly returns ("2022年3月", "2022-03", "3月" with a known year) to the first day. */
export function parseMonth(
  value: unknown,
  defaultYear?: number
): { ok: true; month: string } | { ok: false; reason: string; serial?: true } {
  if (value === null || value === undefined || value === '') return { ok: false, reason: 'missing month' };
  if (isDateCell(value) && value.serial !== undefined) return { ok: false, reason: serialMessage(value.serial), serial: true };
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 12 && defaultYear) {
    return { ok: true, month: iso(defaultYear, value, 1) };
  }
  const s = typeof value === 'string' ? toHalfWidth(value).replace(/\s+/g, '') : value;
  if (typeof s === 'string' && defaultYear) {
    const m = /^(\d{1,2})月(?:份)?$/.exec(s) ?? /^1-(\d{1,2})月$/.exec(s);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 12) return { ok: true, month: iso(defaultYear, Number(m[1]), 1) };
  }
  const r = parseDate(s, 'start');
  if (!r.ok || !r.date) return { ok: false, reason: `unparseable month: "${String(value)}"` };
  return { ok: true, month: r.date.slice(0, 8) + '01' };
}

export function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return iso(y, m, lastDay(y, m));
}
