/**
 * The plan's published figures (meta.json `published`) beside the same figures computed from the
 * data, each difference flagged and explained. The data reproduces the plan's detail rows; where a
 * printed total is not the sum of its own detail rows (Liuzhou's continuing projects: 3182.43亿
 * printed, sectors summing to 3182.44亿), the explanation says so.
 */
import { PHASES, SIZE_BUCKETS, type Phase, type PublishedFigure } from '../../schema.ts';
import { centsToYi, sumRows, type InputRow, type Sums } from './sums.ts';

export type Measure = 'projects' | 'total' | 'annual';

export interface FigureCheck {
  figure: PublishedFigure;
  /** As the data gives it: a count, or 亿元 with two decimals; null when the data cannot tell. */
  computed: Record<Measure, string | null>;
  /** Measures whose published value differs from the computed one. */
  differs: Measure[];
  /** Per differing measure: the sum of the plan's own detail rows under this one, when it has any. */
  partsSum: Partial<Record<Measure, string>>;
}

/** The size-bucket ids a published size class covers ('lt3000', '3000_5000', 'ge5000'); null when it cuts a bucket. */
export function bucketsOfSizeClass(size: string): string[] | null {
  const m = /^(?:lt(\d+)|(\d+)_(\d+)|ge(\d+))$/.exec(size);
  if (!m) return null;
  const [lo, hi] = m[1] ? [0, Number(m[1])] : m[4] ? [Number(m[4]), Infinity] : [Number(m[2]), Number(m[3])];
  const inside = SIZE_BUCKETS.filter((b) => b.min >= lo && b.max <= hi);
  const cut = SIZE_BUCKETS.some((b) => b.min < hi && b.max > lo && !(b.min >= lo && b.max <= hi));
  return cut ? null : inside.map((b) => b.id);
}

/** The phases a figure covers. */
export function phasesOf(f: PublishedFigure): readonly Phase[] {
  return f.phase === 'all' ? (f.phases ?? PHASES) : [f.phase];
}

/** Whether a grouped inputs row (phase, sector, level, size_bucket columns) belongs to the figure; null when it cannot be told. */
export function figureSelects(f: PublishedFigure): ((row: InputRow) => boolean) | null {
  const phases = phasesOf(f);
  const buckets = f.size ? bucketsOfSizeClass(f.size) : null;
  if (f.size && !buckets) return null;
  return (row) =>
    phases.includes(row.phase as Phase) &&
    (f.sector === 'all' || row.sector === f.sector) &&
    (!f.level || f.level === 'all' || row.level === f.level) &&
    (!buckets || buckets.includes(String(row.size_bucket)));
}

const computedOf = (s: Sums): Record<Measure, string | null> => ({
  projects: String(s.projects ?? 0n),
  total: centsToYi(s.total),
  annual: centsToYi(s.annual)
});

const publishedOf = (f: PublishedFigure): Record<Measure, string | null> => ({
  projects: String(f.projects),
  total: f.total_investment_yi,
  annual: f.annual_plan_yi
});

/** A figure's detail rows among the published ones: same level and size, one sector each, within its phases. */
function partsOf(f: PublishedFigure, all: readonly PublishedFigure[]): PublishedFigure[] {
  if (f.sector !== 'all') return [];
  const phases = phasesOf(f);
  return all.filter(
    (p) =>
      p !== f &&
      p.sector !== 'all' &&
      (p.level ?? null) === (f.level ?? null) &&
      (p.size ?? null) === (f.size ?? null) &&
      (p.phase === 'all' ? f.phase === 'all' : phases.includes(p.phase))
  );
}

/** Adds 亿元 strings exactly (two decimals). */
function addYi(values: (string | null)[]): string | null {
  if (values.some((v) => v === null)) return null;
  const cents = values.reduce((sum, v) => sum + BigInt(v!.replace('.', '')), 0n);
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/**
 * Every published figure with the data's value. `rows` are the plan's projects (the initial batch,
 * those that left the plan since included) grouped by phase, sector, level and size bucket.
 */
export function checkPublished(published: readonly PublishedFigure[], rows: readonly InputRow[]): FigureCheck[] {
  return published.map((figure) => {
    const selects = figureSelects(figure);
    const computed: Record<Measure, string | null> = selects
      ? computedOf(sumRows(rows, selects))
      : { projects: null, total: null, annual: null };
    const printed = publishedOf(figure);
    const differs = (['projects', 'total', 'annual'] as const).filter(
      (m) => printed[m] !== null && computed[m] !== null && printed[m] !== computed[m]
    );
    const parts = partsOf(figure, published);
    const partsSum: FigureCheck['partsSum'] = {};
    for (const m of differs) {
      if (!parts.length) continue;
      const values = parts.map((p) => publishedOf(p)[m]);
      const sum =
        m === 'projects' ? (values.some((v) => v === null) ? null : String(values.reduce((a, v) => a + Number(v), 0))) : addYi(values);
      if (sum !== null) partsSum[m] = sum;
    }
    return { figure, computed, differs, partsSum };
  });
}
