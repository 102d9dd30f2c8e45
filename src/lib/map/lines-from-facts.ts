/**
 * The map's lines base (projectLinesQuery without a filter) computed from the month's decoded
 * facts, so that the linear projects are drawn and filtered in the page without the engine (the
 * embed never starts it, issue 21). The same columns, values and order as the SQL: the plan's
 * projects with a geometry, by id in code point order; test/unit/map/lines-from-facts.test.ts
 * holds the two together.
 */
import { LocalTable } from '../db/local/answers.ts';
import type { FactsColumns } from '../db/local/facts-columns.ts';
import { compareCodePoints } from '../db/local/index-from-facts.ts';
import type { Utf8Batch } from '../db/local/utf8-batches.ts';

/** The text of rows `rows` (in increasing order) of a column's UTF-8 batches. */
function textsAt(batches: readonly Utf8Batch[], rows: readonly number[]): string[] {
  const decoder = new TextDecoder();
  const out: string[] = [];
  let start = 0;
  let j = 0;
  for (const r of rows) {
    while (r >= start + batches[j].length) start += batches[j++].length;
    const b = batches[j];
    const i = r - start;
    out.push(decoder.decode(b.values.subarray(Number(b.offsets[i]), Number(b.offsets[i + 1]))));
  }
  return out;
}

export function projectLinesFromFacts(facts: FactsColumns): LocalTable {
  const inPlan = facts.bools('in_plan');
  const geometry = facts.text('geometry');
  const rows: number[] = [];
  for (let r = 0; r < inPlan.length; r++) if (inPlan[r] === 1 && geometry.codes[r] !== 0) rows.push(r);
  const ids = textsAt(facts.utf8('id'), rows);
  const order = rows.map((_, k) => k).sort((a, b) => compareCodePoints(ids[a], ids[b]));
  const names = textsAt(facts.utf8('name'), rows);
  const keys = facts.doubles('row_key');
  const phase = facts.text('phase');
  const rag = facts.text('rag');
  const valueOf = (text: { codes: Uint32Array; values: string[] }, r: number) =>
    text.codes[r] === 0 ? null : text.values[text.codes[r] - 1];
  const pick = <T>(value: (k: number) => T) => order.map(value);
  return new LocalTable(
    [
      ['id', pick((k) => ids[k])],
      ['row_key', Int32Array.from(order, (k) => keys[rows[k]])],
      ['name', pick((k) => names[k])],
      ['phase', pick((k) => valueOf(phase, rows[k]))],
      ['rag', pick((k) => valueOf(rag, rows[k]))],
      ['geometry', pick((k) => valueOf(geometry, rows[k]))]
    ],
    order.length
  );
}
