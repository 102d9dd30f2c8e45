/**
 * What the page keeps of a month's decoded facts beside its filter index, for the ranked lists of a
 * district's or sector's page (its projects furthest behind, its open problems) to be answered
 * without the engine (issues 17 and 23): each index row's row_key, id and name. The facts
 * themselves are let go once the index is built (285 MB at 1M projects), and a district's page is
 * opened later; this is ~60 bytes a project, kept only up to TOP_ROWS_LIMIT projects in the plan.
 * A `rows` view with `fromPage` (answers.ts LocalSpec) computes its base from it.
 */
import type { MetricRules } from '../../metrics/preset.ts';
import type { Month } from '../../metrics/month.ts';
import type { FilterIndex, NameColumn } from './filter-index.ts';
import type { FactsColumns } from './facts-columns.ts';
import { planRows, planUtf8 } from './index-from-facts.ts';

export interface PageRows {
  index: FilterIndex;
  /** row_key of each index row. */
  keys: Int32Array;
  /** Each index row's id and name, UTF-8 (NULL as empty). */
  ids: NameColumn;
  names: NameColumn;
}

/** Source tables a base computed in the page may read, decoded in the page (not the engine's). */
export type PageTableName = 'problems';

/** What a base computed in the page depends on besides the rows: the month, the rules of the metrics, the page tables it reads. */
export interface PageRowsContext {
  month: Month;
  rules: MetricRules;
  tables: Partial<Record<PageTableName, unknown>>;
}

/** The page rows of an index built from these facts (index-from-facts.ts: its rows are the plan's, in file order). */
export function pageRowsFromFacts(facts: FactsColumns, index: FilterIndex): PageRows {
  const plan = planRows(facts.bools('in_plan'));
  if (plan.length !== index.length) throw new Error('page rows: the index is not of these facts');
  const keys = new Int32Array(index.length);
  index.rowOfKey.forEach((row, key) => {
    if (row >= 0) keys[row] = key;
  });
  return { index, keys, ids: planUtf8(facts, 'id', plan), names: planUtf8(facts, 'name', plan) };
}

const decoder = new TextDecoder();
/** Text i of a UTF-8 column. */
export const textAt = (text: NameColumn, i: number): string => decoder.decode(text.bytes.subarray(text.offsets[i], text.offsets[i + 1]));
