/**
 * A ranked list answered in the page (a district's projects furthest behind, its open problems):
 * a `rows` view whose base is its query without filter and without LIMIT (`ctx.base`), in the
 * query's own order, so the first `limit` selected rows of the base are the rows the filtered
 * query with its LIMIT gives. Window columns over the selection (`count(*) OVER ()`, a row's share
 * of a sum) are computed here over the selected rows, as SQL computes them before its LIMIT.
 * test/unit/db/top-rows.test.ts holds the answers equal to DuckDB's for the same filters.
 */
import { LocalTable, SelectedRows, type LocalSpec } from './answers.ts';

/**
 * Up to this many projects in a dataset a ranking of projects is answered in the page. Its base is
 * every project it can rank: in the benchmark's data 58k–81k rows at 100k projects, 578k–812k at 1M
 * (names of ~40 bytes each), which would cost ~100 MB in the page and more in duckdb-wasm's memory,
 * which it never gives back. A month's open problems are far fewer (55,728 at 1M): they are not limited.
 */
export const TOP_ROWS_LIMIT = 200_000;

export interface TopRows {
  limit: number;
  /** A column that holds how many rows are selected in all (SQL: `count(*) OVER ()`). */
  total?: string;
  /**
   * A column that holds each row's `of` divided by the sum of `of` over the selected rows (SQL:
   * `x / NULLIF(sum(x) OVER (), 0)` over the same rows). `scale` is 10^(the column's decimals):
   * the sum is made in integers, exact like DuckDB's sum of a DECIMAL, then divided.
   */
  share?: { column: string; of: string; scale: number };
}

type RowsSpec = Extract<LocalSpec, { kind: 'rows' }>;

/**
 * The `local` spec of a ranked list: its base rows with the selection as bytes, cut here; the base
 * made in the page (`fromPage`, reading `pageTables`) when the page keeps the month's rows, else by its query.
 */
export function topRowsSpec(top: TopRows, fromPage?: RowsSpec['fromPage'], pageTables?: RowsSpec['pageTables']): RowsSpec {
  const spec: RowsSpec = { kind: 'rows', selection: true, top };
  if (fromPage) spec.fromPage = fromPage;
  if (pageTables) spec.pageTables = pageTables;
  return spec;
}

/** Whether a dataset of `projects` (null: not known) is small enough for its ranked lists' bases in the page. */
export const topRowsInPage = (projects: number | null): boolean => projects !== null && projects <= TOP_ROWS_LIMIT;

/** The first `top.limit` selected rows of the base, in its order, with the window columns over every selected row. */
export function topRows(answer: SelectedRows, top: TopRows): LocalTable {
  const { selection } = answer;
  const rows: number[] = [];
  let total = 0;
  for (let i = 0; i < selection.length; i++) {
    if (selection[i] !== 1) continue;
    total++;
    if (rows.length < top.limit) rows.push(i);
  }
  const share = top.share ? shares(answer, selection, rows, top.share) : null;
  const columns = answer.schema.fields.map(({ name }): [string, unknown[]] => {
    if (name === top.total) return [name, rows.map(() => total)];
    if (share && name === top.share!.column) return [name, share];
    const col = answer.getChild(name)!;
    return [name, rows.map((r) => col.at(r))];
  });
  return new LocalTable(columns, rows.length);
}

function shares(answer: SelectedRows, selection: Uint8Array, rows: number[], share: NonNullable<TopRows['share']>): (number | null)[] {
  const of = answer.getChild(share.of);
  if (!of) throw new Error(`a ranked list's share is of ${share.of}, which its query does not select`);
  let units = 0;
  for (let i = 0; i < selection.length; i++) {
    const v = selection[i] === 1 ? of.at(i) : null;
    if (v !== null && v !== undefined) units += Math.round(Number(v) * share.scale);
  }
  const sum = units / share.scale;
  return rows.map((r) => {
    const v = of.at(r);
    return v === null || v === undefined || sum === 0 ? null : Number(v) / sum;
  });
}

/**
 * A page answer as its view takes it: a ranked list's first selected rows cut from its base's
 * selection, or, when the answer is not a selection, null (the database is asked).
 */
export function cutRankedList(spec: LocalSpec | undefined, answer: LocalTable | SelectedRows | null): LocalTable | SelectedRows | null {
  const top = spec?.kind === 'rows' ? spec.top : undefined;
  if (!top) return answer;
  return answer instanceof SelectedRows ? topRows(answer, top) : null;
}
