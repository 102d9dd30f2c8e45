/**
 * The data page's table: the selected projects with the columns the analyst chose, in the order
 * chosen, each value as it is shown (a sector's name, not its code; money in 万元 as DECIMAL).
 * The table's windows and the exports run this one query, so an export is exactly what is shown.
 */
import { asc, column, desc, literal, Query, sql, type ExprNode, type SelectQuery } from '@uwdata/mosaic-sql';
import { APPROVAL_KINDS, FACTS_SCHEMA, TABLES, type LoadableTable } from '../schema.ts';
import { DIMENSIONS } from '../state/dimensions.ts';
import type { ColumnKind } from '../export/types.ts';
import type { QueryContext } from '../db/coordinator-client.ts';
import type { MetricRules } from '../metrics/preset.ts';
import type { FactsSource } from '../metrics/query.ts';
import { APPROVAL_VERDICTS, approvalsOnTimeQuery, approvalVerdictsQuery, judgeableLimit } from '../league/approvals-on-time.ts';

/** How a column's stored values are named in the table. */
type Labels =
  /** `ordered`: sorted in the order of `values` (worst first), not by name. */
  | { kind: 'message'; prefix: string; values: readonly string[]; none?: string; ordered?: boolean }
  | { kind: 'batch' }
  | { kind: 'district' }
  /** A yes/no fact, named 是 / 否 and sorted on the value itself (no before yes). */
  | { kind: 'flag' };

export interface DataColumn {
  /** The facts column it shows, and its id in the URL and in exports. */
  id: string;
  kind: ColumnKind;
  labels?: Labels;
  /** The programme metric its totals cell shows (metrics/definitions.ts). */
  metric?: string;
  /** Decimals of a `number` column (1 when absent): counts have none. */
  digits?: number;
  /** A column worked out from two facts columns, `a − b` (what is still outstanding), instead of a facts column of its own. */
  difference?: readonly [string, string];
  /**
   * Not a facts column: each project's approvals verdict against the preset's working-day limit
   * (league/approvals-on-time.ts), joined on by id; offered only where the preset has a limit the
   * data can judge, and read from the projects table.
   */
  approvals?: true;
}

const listValues = (id: string): readonly string[] => {
  const d = DIMENSIONS.find((x) => x.kind === 'list' && x.column === id);
  return d && d.kind === 'list' ? (d.values ?? []) : [];
};
const message = (id: string, prefix: string, none?: string): Labels => ({ kind: 'message', prefix, values: listValues(id), none });

/** Every column the table can show, in the order it shows them. */
export const DATA_COLUMNS: readonly DataColumn[] = [
  { id: 'id', kind: 'text' },
  { id: 'name', kind: 'text' },
  { id: 'district_code', kind: 'text' },
  { id: 'district_name', kind: 'text', labels: { kind: 'district' } },
  { id: 'sector', kind: 'text', labels: message('sector', 'sector.') },
  { id: 'phase', kind: 'text', labels: message('phase', 'phase.') },
  { id: 'level', kind: 'text', labels: message('level', 'level.') },
  { id: 'size_bucket', kind: 'text', labels: message('size_bucket', 'bucket.') },
  { id: 'batch', kind: 'text', labels: { kind: 'batch' } },
  { id: 'lead_unit', kind: 'text' },
  { id: 'total_investment', kind: 'money', metric: 'total_investment' },
  { id: 'annual_plan', kind: 'money', metric: 'annual_plan' },
  { id: 'completed_ytd', kind: 'money', metric: 'completed_ytd' },
  { id: 'completion_rate', kind: 'percent', metric: 'completion_rate' },
  { id: 'elapsed_share', kind: 'percent', metric: 'elapsed_share' },
  { id: 'gap_points', kind: 'number', metric: 'gap_points' },
  { id: 'rag', kind: 'text', labels: message('rag', 'rag.', 'rag.none'), metric: 'rag' },
  // The per-project inputs of the league's metrics (metrics/inputs.ts), so a league figure's projects can be shown.
  { id: 'started', kind: 'text', labels: { kind: 'flag' } },
  { id: 'finished', kind: 'text', labels: { kind: 'flag' } },
  { id: 'approvals_required', kind: 'number', digits: 0, metric: 'approvals_required' },
  { id: 'approvals_done', kind: 'number', digits: 0, metric: 'approvals_done' },
  { id: 'approvals_pending', kind: 'number', digits: 0, difference: ['approvals_required', 'approvals_done'] },
  { id: 'stat_registered', kind: 'text', labels: { kind: 'flag' } },
  { id: 'problems_raised', kind: 'number', digits: 0, metric: 'problems_raised' },
  { id: 'problems_closed', kind: 'number', digits: 0, metric: 'problems_closed' },
  { id: 'problems_unclosed', kind: 'number', digits: 0, difference: ['problems_raised', 'problems_closed'] },
  { id: 'report_late', kind: 'text', labels: { kind: 'flag' } },
  // The league's approvals on time, per project: its verdict and the working days it used.
  {
    id: 'approvals_verdict',
    kind: 'text',
    labels: { kind: 'message', prefix: 'data.verdict.', values: APPROVAL_VERDICTS, ordered: true },
    approvals: true
  },
  { id: 'approvals_days', kind: 'number', digits: 0, approvals: true }
];

const INTERNAL = new Set<string>(FACTS_SCHEMA.filter((c) => c.visibility === 'internal').map((c) => c.name));
/** The projects' approval columns the verdict reads, internal or not as schema.ts marks them. */
const APPROVAL_COLUMNS = APPROVAL_KINDS.flatMap((k) => [`approval_${k}`, `approval_${k}_date`]);
const APPROVALS_INTERNAL = TABLES.projects.columns.some((c) => APPROVAL_COLUMNS.includes(c.name) && c.visibility === 'internal');

/** The facts columns a column reads. */
const reads = (c: DataColumn): readonly string[] => c.difference ?? [c.id];
const isInternal = (c: DataColumn): boolean => (c.approvals ? APPROVALS_INTERNAL : reads(c).some((id) => INTERNAL.has(id)));

/**
 * The columns a dataset may show: a public one never shows a column reading a column marked
 * internal (schema.ts); the approvals verdict only where the preset's limit can be judged.
 */
export function availableColumns(internal: boolean, rules?: Pick<MetricRules, 'approvalLimit'>): DataColumn[] {
  const judged = judgeableLimit(rules?.approvalLimit);
  return DATA_COLUMNS.filter((c) => (internal || !isInternal(c)) && (judged || !c.approvals));
}

/** The source tables a table of these columns reads besides the month's facts (loaded ahead of its queries). */
export function columnTables(columns: readonly (DataColumn | undefined)[]): LoadableTable[] {
  return columns.some((c) => c?.approvals) ? ['projects'] : [];
}

export function dataColumn(id: string): DataColumn | undefined {
  return DATA_COLUMNS.find((c) => c.id === id);
}

export interface SortKey {
  id: string;
  descending: boolean;
}

/** How names are put into the query: a message in the page's language, a district's name. */
export interface LabelSource {
  message(key: string, params?: Record<string, string>): string;
  /** Names of districts by code where they differ from the data's own district_name (English names). */
  districts: ReadonlyMap<string, string>;
}

/** Districts named by a CASE at most: a national dataset keeps the data's own names. */
const MAX_DISTRICT_CASES = 400;

/** The column's stored value (a difference worked out). */
function stored(c: DataColumn): ExprNode {
  return c.difference ? sql`(${column(c.difference[0])} - ${column(c.difference[1])})` : column(c.id);
}

function shown(c: DataColumn, labels: LabelSource): ExprNode {
  const raw = stored(c);
  const l = c.labels;
  if (!l) return raw;
  if (l.kind === 'flag')
    return sql`(CASE WHEN ${raw} THEN ${literal(labels.message('data.flag.yes'))} WHEN NOT ${raw} THEN ${literal(labels.message('data.flag.no'))} END)`;
  if (l.kind === 'message') {
    const whens = l.values.map((v) => `WHEN ${literal(v)} THEN ${literal(labels.message(`${l.prefix}${v}`))}`);
    const mapped = sql`CASE ${raw} ${whens.join(' ')} ELSE ${raw} END`;
    return l.none ? sql`(CASE WHEN ${raw} IS NULL THEN ${literal(labels.message(l.none))} ELSE ${mapped} END)` : sql`(${mapped})`;
  }
  if (l.kind === 'batch') {
    const [before, after] = labels.message('batch.supplement', { n: '\u0000' }).split('\u0000');
    return sql`(CASE WHEN ${raw} = 'initial' THEN ${literal(labels.message('batch.initial'))}
      WHEN regexp_matches(${raw}, '^supplement-[0-9]+$') THEN ${literal(before)} || regexp_extract(${raw}, '[0-9]+$') || ${literal(after ?? '')}
      ELSE ${raw} END)`;
  }
  const names = [...labels.districts];
  if (!names.length || names.length > MAX_DISTRICT_CASES) return raw;
  const whens = names.map(([code, name]) => `WHEN ${literal(code)} THEN ${literal(name)}`);
  return sql`(CASE district_code ${whens.join(' ')} ELSE ${raw} END)`;
}

export interface DataTableOptions {
  columns: readonly DataColumn[];
  sort: readonly SortKey[];
  labels: LabelSource;
  limit?: number;
  offset?: number;
}

/** The value a column sorts on: a flag on itself, an ordered list by its place in the list, others as shown. */
function sortValue(c: DataColumn, labels: LabelSource): ExprNode {
  const l = c.labels;
  if (l?.kind === 'flag') return stored(c);
  if (l?.kind === 'message' && l.ordered) {
    const whens = l.values.map((v, i) => `WHEN ${literal(v)} THEN ${literal(i)}`);
    return sql`(CASE ${stored(c)} ${whens.join(' ')} END)`;
  }
  return shown(c, labels);
}

const sortColumns = (sort: readonly SortKey[]) =>
  sort.map((k) => ({ k, c: dataColumn(k.id) })).filter((x): x is { k: SortKey; c: DataColumn } => !!x.c);

function orderBy(options: Pick<DataTableOptions, 'sort' | 'labels'>): ExprNode[] {
  const order = sortColumns(options.sort).map(({ k, c }) => {
    const value = sortValue(c, options.labels);
    return k.descending ? desc(value, false) : asc(value, false);
  });
  if (!options.sort.some((k) => k.id === 'id')) order.push(asc(column('id'), false));
  return order;
}

/**
 * The month's facts, with each project's approvals verdict joined on by id when a column read
 * needs it (the verdict's own columns are named as the data columns, so they read as the others);
 * `keys`: judged for the projects of these row keys only (a window: 200 projects, not all).
 */
function source(ctx: QueryContext, used: readonly DataColumn[], keys?: ExprNode): FactsSource | ExprNode {
  if (!used.some((c) => c.approvals)) return ctx.facts;
  const limit = ctx.rules.approvalLimit;
  if (!judgeableLimit(limit)) throw new RangeError('the approvals verdict needs an approval limit the data can judge');
  const facts = Query.from(ctx.facts).select('*');
  const ids = keys
    ? Query.from(ctx.facts)
        .select({ id: column('id') })
        .where(keys)
    : undefined;
  return sql`(${facts}) AS facts LEFT JOIN (${approvalVerdictsQuery(ctx.month, limit, ids)}) AS approvals USING (id)`;
}

function selected(ctx: QueryContext, used: readonly DataColumn[]): SelectQuery {
  const q = Query.from(source(ctx, used))
    .select({})
    .where(sql`in_plan`);
  if (ctx.filter) q.where(ctx.filter);
  return q;
}

/**
 * The selected projects (in the plan at the month, filtered), one result column per chosen
 * column named by its id, ordered by the sort keys on the values shown, then by id.
 */
export function dataTableQuery(ctx: QueryContext, options: DataTableOptions): SelectQuery {
  const select: Record<string, ExprNode> = {};
  for (const c of options.columns) select[c.id] = shown(c, options.labels);
  const q = selected(ctx, [...options.columns, ...sortColumns(options.sort).map((x) => x.c)])
    .select(select)
    .orderby(...orderBy(options));
  if (options.limit !== undefined) q.limit(options.limit).offset(Math.max(0, options.offset ?? 0));
  return q;
}

/**
 * The table's order as row keys only (`row_key`), the same rows in the same order as
 * `dataTableQuery`: sorted once per selection and sort, so that a window of rows is a lookup of
 * its keys rather than a sort of the selection to its offset (a million rows at the table's end).
 */
export function dataTableOrderQuery(ctx: QueryContext, options: Pick<DataTableOptions, 'sort' | 'labels'>): SelectQuery {
  return selected(
    ctx,
    sortColumns(options.sort).map((x) => x.c)
  )
    .select({ row_key: column('row_key') })
    .orderby(...orderBy(options));
}

/** The chosen columns of the projects with these row keys (in any order), with their `row_key`. */
export function dataTableRowsQuery(
  ctx: QueryContext,
  options: Pick<DataTableOptions, 'columns' | 'labels'>,
  keys: ArrayLike<number>
): SelectQuery {
  const select: Record<string, ExprNode> = { row_key: column('row_key') };
  for (const c of options.columns) select[c.id] = shown(c, options.labels);
  const list = Array.from(keys, (k) => literal(Math.trunc(Number(k))));
  const inWindow = list.length ? sql`row_key IN (${list.join(', ')})` : sql`FALSE`;
  return Query.from(source(ctx, options.columns, inWindow))
    .select(select)
    .where(inWindow);
}

/**
 * The league's approvals on time over the selected projects, from the same verdicts and counts as
 * each unit's figure (approvalsOnTimeQuery over the selection as one unit): one row of `on_time`,
 * `judged` and `approvals_on_time` (NULL when nothing is judged); null without a judgeable limit.
 */
export function selectionApprovalsOnTimeQuery(ctx: QueryContext): SelectQuery | null {
  const limit = ctx.rules.approvalLimit;
  if (!judgeableLimit(limit)) return null;
  const chosen = Query.from(ctx.facts).select('*', { selection: literal('selection') });
  if (ctx.filter) chosen.where(ctx.filter);
  return approvalsOnTimeQuery(ctx.month, limit, 'selection', { facts: chosen });
}
