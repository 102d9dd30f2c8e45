/**
 * The problem ledger's queries (问题台账): every problem raised by the month end on the selected
 * projects in the plan (the workspace's filters apply through the project), with its status, age,
 * open, overdue and due-soon flags as at the month end, all from metrics/problems.ts (one
 * definition); the ledger's own filters; counts by a facet; the ledger's totals; and the projects
 * with open problems for the map. The table and its exports run the one `ledgerQuery`.
 */
import { and, asc, column, desc, literal, Query, sql, type ExprNode, type FilterExpr, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';
import { problemAgeAt, problemDueSoonAt, problemOpenAt, problemOverdueAt, problemRaisedBy, problemStatusAt } from '../metrics/problems.ts';
import { PROBLEM_LEVELS } from '../schema.ts';
import {
  emptyLedgerFilter,
  FACET_VALUES,
  LEDGER_FACETS,
  withoutFacet,
  type LedgerFacet,
  type LedgerFilter,
  type LedgerSort
} from '../views/problems/ledger-state.ts';
import type { EscalationStep } from '../rules/preset-schema.ts';
import type { LabelSource } from './data-table.ts';
import { withLadder } from './escalation.ts';

/** The query context, with the preset's escalation ladder when it has one (its columns are then added, queries/escalation.ts). */
type Ctx = Pick<QueryContext, 'facts' | 'filter' | 'month'> & { ladder?: readonly EscalationStep[] };

/** Message prefixes of the coded columns. */
const PREFIX: Record<LedgerFacet, string> = { category: 'problemCategory.', level: 'problemLevel.', status: 'problemStatus.' };

/**
 * One row per problem raised by the month end on a selected project, its values as codes:
 * status as at the month end, age in days, and the open / overdue / due_soon flags.
 */
export function ledgerRowsQuery(ctx: Ctx): SelectQuery {
  const projects = Query.from(ctx.facts)
    .select('id', 'name', 'district_code', 'district_name')
    .where(sql`in_plan`);
  if (ctx.filter) projects.where(ctx.filter);
  const m = ctx.month;
  const rows = Query.from(sql`problems AS p JOIN (${projects}) AS f ON f.id = p.project_id`)
    .select({
      id: sql`p.id`,
      project_id: sql`p.project_id`,
      project: sql`f.name`,
      district_code: sql`f.district_code`,
      district_name: sql`f.district_name`,
      category: sql`p.category`,
      level: sql`p.level`,
      description: sql`p.description`,
      responsible_unit: sql`p.responsible_unit`,
      responsible_person: sql`p.responsible_person`,
      solution: sql`p.solution`,
      raised_on: sql`p.raised_on`,
      deadline: sql`p.deadline`,
      status: problemStatusAt(m),
      age: problemAgeAt(m),
      notices: sql`p.notices`,
      interviews: sql`p.interviews`,
      open: problemOpenAt(m),
      overdue: problemOverdueAt(m),
      due_soon: problemDueSoonAt(m)
    })
    .where(problemRaisedBy(m));
  return ctx.ladder?.length ? withLadder(rows, ctx.ladder, m.end) : rows;
}

/** The ledger's own filters over `ledgerRowsQuery`'s columns; undefined when none applies. */
export function ledgerPredicate(filter: LedgerFilter, ladder = false): FilterExpr | undefined {
  const parts: ExprNode[] = [];
  for (const facet of LEDGER_FACETS) {
    const values = filter[facet].filter((v) => FACET_VALUES[facet].includes(v));
    if (values.length) parts.push(sql`${column(facet)} IN (${values.map((v) => literal(v)).join(', ')})`);
  }
  if (filter.due === 'overdue') parts.push(sql`overdue`);
  if (filter.due === 'week') parts.push(sql`due_soon`);
  if (filter.due === 'overrun' && ladder) parts.push(sql`ladder_overrun`);
  return parts.length ? (and(...parts) as FilterExpr) : undefined;
}

/** `ledgerRowsQuery` under the ledger's filters, selecting nothing yet. */
const rows = (ctx: Ctx, filter: LedgerFilter) => {
  const q = Query.from({ ledger: ledgerRowsQuery(ctx) });
  const where = ledgerPredicate(filter, Boolean(ctx.ladder?.length));
  return where ? q.where(where) : q;
};

/** The columns `ledgerQuery` passes through as they are. */
const PLAIN = [
  'id',
  'project_id',
  'project',
  'district_code',
  'description',
  'responsible_unit',
  'responsible_person',
  'solution',
  'raised_on',
  'deadline',
  'age',
  'notices',
  'interviews',
  'open',
  'overdue',
  'due_soon'
] as const;

/** A coded column named in the page's language (unknown codes as they are). */
function named(facet: LedgerFacet, labels: LabelSource): ExprNode {
  const whens = FACET_VALUES[facet].map((v) => `WHEN ${literal(v)} THEN ${literal(labels.message(`${PREFIX[facet]}${v}`))}`);
  return sql`(CASE ${column(facet)} ${whens.join(' ')} ELSE ${column(facet)} END)`;
}

/** A coded column's position in its enumeration: levels up the ladder, statuses along the way. */
function rank(facet: LedgerFacet): ExprNode {
  const whens = FACET_VALUES[facet].map((v, i) => `WHEN ${literal(v)} THEN ${i}`);
  return sql`(CASE ${column(facet)} ${whens.join(' ')} END)`;
}

function districtNamed(labels: LabelSource): ExprNode {
  const names = [...labels.districts];
  if (!names.length) return column('district_name');
  const whens = names.map(([code, name]) => `WHEN ${literal(code)} THEN ${literal(name)}`);
  return sql`(CASE district_code ${whens.join(' ')} ELSE district_name END)`;
}

const SORT_EXPR: Record<LedgerSort['key'], (labels: LabelSource) => ExprNode> = {
  urgency: () => sql`(CASE WHEN overdue THEN 0 WHEN due_soon THEN 1 WHEN open THEN 2 ELSE 3 END)`,
  project: () => column('project'),
  district: (labels) => districtNamed(labels),
  category: () => rank('category'),
  level: () => rank('level'),
  raised_on: () => column('raised_on'),
  deadline: () => column('deadline'),
  status: () => rank('status'),
  age: () => column('age'),
  notices: () => column('notices'),
  interviews: () => column('interviews')
};

/** The ledger's columns that an export can write, in the table's order. */
export const LEDGER_COLUMNS = [
  'id',
  'project',
  'district',
  'category_name',
  'level_name',
  'status_name',
  'deadline',
  'flag',
  'age',
  'notices',
  'interviews',
  'description',
  'responsible_unit',
  'responsible_person',
  'solution',
  'raised_on'
] as const;

/**
 * The ledger as shown: the problems under the ledger's filters, values named in the page's
 * language in `*_name` (the codes stay in `category`, `level`, `status`), the overdue / due-soon flag in words, in the sort's order
 * then by id; the table's windows and the exports read this one query.
 */
export function ledgerQuery(
  ctx: Ctx,
  options: {
    filter: LedgerFilter;
    sort: LedgerSort;
    labels: LabelSource;
    limit?: number;
    offset?: number;
    /** Each ladder step in words, in the page's language: the export's next_step column (with overrun_flag, next_due). */
    ladderWords?: readonly string[];
  }
): SelectQuery {
  const { labels, sort } = options;
  const flag = sql`(CASE WHEN overdue THEN ${literal(labels.message('problems.flag.overdue'))}
    WHEN due_soon THEN ${literal(labels.message('problems.flag.week'))} ELSE '' END)`;
  const key = SORT_EXPR[sort.key](labels);
  const ladder = ctx.ladder?.length ? ['ladder_reached', 'ladder_next', 'ladder_next_due', 'ladder_overrun', 'ladder_beyond'] : [];
  const words = ctx.ladder?.length && options.ladderWords ? ladderWordColumns(options.ladderWords, labels) : {};
  const q = rows(ctx, options.filter)
    .select(...PLAIN, ...ladder, words, {
      district: districtNamed(labels),
      category: column('category'),
      level: column('level'),
      status: column('status'),
      category_name: named('category', labels),
      level_name: named('level', labels),
      status_name: named('status', labels),
      flag
    })
    .orderby(
      sort.descending ? desc(key, false) : asc(key, false),
      ...(sort.key === 'urgency' ? [asc(column('deadline'), false)] : []),
      asc(column('id'), false)
    );
  if (options.limit !== undefined) q.limit(options.limit).offset(Math.max(0, options.offset ?? 0));
  return q;
}

/** The ladder's columns in words for an export: overran its step, the next step (or at the top), the day it falls due. */
function ladderWordColumns(words: readonly string[], labels: LabelSource): Record<string, ExprNode> {
  const whens = words.map((w, i) => `WHEN ${i} THEN ${literal(w)}`).join(' ');
  return {
    overrun_flag: sql`(CASE WHEN ladder_overrun THEN ${literal(labels.message('ladder.overrun'))} ELSE '' END)`,
    next_step: sql`(CASE WHEN NOT open THEN '' WHEN ladder_next IS NULL THEN ${literal(labels.message('ladder.top'))} ELSE (CASE ladder_next ${whens} END) END)`,
    next_due: column('ladder_next_due')
  };
}

/** Problems by one facet's code (`value`, `problems`), under the ledger's other filters. */
export function ledgerCountsQuery(ctx: Ctx, filter: LedgerFilter, facet: LedgerFacet): SelectQuery {
  return rows(ctx, withoutFacet(filter, facet))
    .select({ value: column(facet), problems: sql`CAST(count(*) AS INTEGER)` })
    .groupby(facet);
}

/** The ledger's totals under its filters: problems, open, overdue, due within the week, overran their step (NULL without a ladder). */
export function ledgerTotalsQuery(ctx: Ctx, filter: LedgerFilter): SelectQuery {
  const n = (e?: ExprNode) => (e ? sql`CAST(count(*) FILTER (WHERE ${e}) AS INTEGER)` : sql`CAST(count(*) AS INTEGER)`);
  return rows(ctx, filter).select({
    problems: n(),
    open: n(sql`open`),
    overdue: n(sql`overdue`),
    due_soon: n(sql`due_soon`),
    overrun: ctx.ladder?.length ? n(sql`ladder_overrun`) : sql`CAST(NULL AS INTEGER)`
  });
}

/**
 * The selected projects on the map with problems open at the month end (and, from the ledger's
 * page, under its own filters: the same rows and predicate as the ledger): where they are, how big
 * their dots are (square roots of money), how many are open, overdue and past their escalation
 * step (with a ladder), and the highest level any of them sits at (its index in PROBLEM_LEVELS).
 */
export function problemMarkersQuery(ctx: Ctx, filter: LedgerFilter = emptyLedgerFilter()): SelectQuery {
  const projects = Query.from(ctx.facts)
    .select('id', {
      lon: sql`CAST(lon AS DOUBLE)`,
      lat: sql`CAST(lat AS DOUBLE)`,
      sqrt_total: sql`sqrt(greatest(total_investment, 0))`,
      sqrt_annual: sql`sqrt(greatest(annual_plan, 0))`,
      sqrt_completed: sql`sqrt(greatest(coalesce(completed_ytd, 0), 0))`
    })
    .where(sql`in_plan`, sql`lon IS NOT NULL`, sql`lat IS NOT NULL`);
  const levelIndex = sql`(CASE p.level ${PROBLEM_LEVELS.map((v, i) => `WHEN ${literal(v)} THEN ${i}`).join(' ')} ELSE 0 END)`;
  const open = rows(ctx, filter)
    .select('*')
    .where(sql`open`);
  return Query.from(sql`(${open}) AS p JOIN (${projects}) AS f ON f.id = p.project_id`)
    .select({
      id: sql`f.id`,
      lon: sql`any_value(f.lon)`,
      lat: sql`any_value(f.lat)`,
      sqrt_total: sql`any_value(f.sqrt_total)`,
      sqrt_annual: sql`any_value(f.sqrt_annual)`,
      sqrt_completed: sql`any_value(f.sqrt_completed)`,
      open: sql`CAST(count(*) AS INTEGER)`,
      overdue: sql`CAST(count(*) FILTER (WHERE p.overdue) AS INTEGER)`,
      top_level: sql`CAST(max(${levelIndex}) AS INTEGER)`,
      overrun: ctx.ladder?.length ? sql`CAST(count(*) FILTER (WHERE p.ladder_overrun) AS INTEGER)` : sql`CAST(0 AS INTEGER)`
    })
    .groupby(sql`f.id`)
    .orderby(sql`f.id`);
}
