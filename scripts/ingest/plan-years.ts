/**
 * The plan's year, and its years when it is a programme of several (Jiujiang 2021–2023).
 * Monthly returns must fall in them: a return dated 2031年1月 in a 2022 plan is a typo, and
 * accepted it would move as_of to 2031-01-31 and hide every real month.
 *
 * The rule, first that applies: --year (2022, or 2021-2023); the plan sheets (the years of
 * their annual-plan columns, 2022年计划投资; else a range in the title, （2021—2023年）; else the
 * title's year); the existing dataset's meta (years, else year); the monthly returns' own
 * headers or title. Several years are always the whole span, first to last.
 */
import type { DatasetMeta } from '../../src/lib/schema.ts';
import type { Layout } from './detect-layout.ts';
import { toHalfWidth } from './text.ts';

export interface PlanYears {
  /** meta.year: the plan's year; for a programme, its latest unless the sheets say otherwise. */
  year: number;
  /** Every year of the plan, ascending (one for a yearly plan). */
  years: number[];
}

const span = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** "2022" or "2021-2023" (also 2021—2023, 2021~2023); null when it is neither. */
export function parseYearOption(value: string): PlanYears | null {
  const m = /^(\d{4})(?:\s*[-—–~]\s*(\d{4}))?$/.exec(toHalfWidth(value.trim()));
  if (!m) return null;
  const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
  if (from < 1990 || to > 2100 || to < from || to - from > 9) return null;
  return { year: to, years: span(from, to) };
}

const RANGE = /((?:19|20)\d{2})\s*年?\s*[-—–~至到]\s*((?:19|20)\d{2})\s*年/;
const YEAR = /((?:19|20)\d{2})\s*年/;

/**
 * The years a title states: a range (2021—2023年, 2021年至2023年) unless another year stands
 * beside it ("十四五（2021—2025年）重大项目2022年度计划" is the 2022 plan), else its year.
 */
export function titleYears(title: string | null): [number, number] | null {
  const t = toHalfWidth(title ?? '');
  const range = RANGE.exec(t);
  const single = YEAR.exec(range ? t.replace(range[0], ' ') : t);
  if (single) return [Number(single[1]), Number(single[1])];
  if (range && Number(range[2]) >= Number(range[1])) return [Number(range[1]), Number(range[2])];
  return null;
}

/** The years one sheet states: its annual-plan columns, else its title. */
export function sheetYears(annualYears: number[], title: string | null): number[] | undefined {
  if (annualYears.length) return span(Math.min(...annualYears), Math.max(...annualYears));
  const range = titleYears(title);
  return range ? span(...range) : undefined;
}

export function planYears(
  option: PlanYears | undefined,
  layouts: Pick<Layout, 'mode' | 'year' | 'years'>[],
  meta: DatasetMeta | null | undefined
): PlanYears | null {
  if (option) return option;
  const fromSheets = (mode: Layout['mode']): PlanYears | null => {
    const sheets = layouts.filter((l) => l.mode === mode && l.year !== undefined);
    if (!sheets.length) return null;
    const all = sheets.flatMap((l) => l.years ?? [l.year!]);
    return { year: sheets[0].year!, years: span(Math.min(...all), Math.max(...all)) };
  };
  const plan = fromSheets('plan');
  if (plan) return plan;
  if (meta) return { year: meta.year, years: meta.years?.length ? [...meta.years].sort((a, b) => a - b) : [meta.year] };
  return fromSheets('monthly');
}

/** "2022" or "2021–2023", for messages. */
export const describeYears = (years: number[]) => (years.length === 1 ? String(years[0]) : `${years[0]}–${years[years.length - 1]}`);
