/**
 * The map's points base (projectPointsQuery without a filter) computed from the month's decoded
 * facts, so that the map's RAG colours, sizes and picking are answered in the page before the
 * engine has started (issue 23). The same columns, types and order as the SQL: largest total
 * investment first (NULL last), then id; test/unit/map/points-from-facts.test.ts holds the two
 * together on the parity fixture's months and on edge rows.
 */
import { PHASES } from '../schema.ts';
import { RAG_VALUES } from '../metrics/investment.ts';
import { LocalTable } from '../db/local/answers.ts';
import type { FactsColumns, TextCodes } from '../db/local/facts-columns.ts';
import { planRows, planUtf8 } from '../db/local/index-from-facts.ts';
import { orderByDescending, textOrder } from '../db/local/sort-order.ts';
import { quantileCont } from '../db/preview-points.ts';
import type { ProjectPoints } from './project-points.ts';

/** Codes of a text column as codeOf (project-points.ts) makes them: index + offset, else `other`. */
function codesOf(text: TextCodes, values: readonly string[], offset: number, other: number): Uint8Array {
  const byCode = new Uint8Array(text.values.length + 1).fill(other);
  text.values.forEach((v, k) => {
    const at = values.indexOf(v);
    if (at >= 0) byCode[k + 1] = at + offset;
  });
  return byCode;
}

/** CAST(sqrt(greatest(money, 0)) AS FLOAT) of the money as a DOUBLE; NULL reads as 0 in the map's typed arrays. */
const sqrtOf = (money: number) => (Number.isNaN(money) ? 0 : Math.fround(Math.sqrt(Math.max(money, 0))));

/**
 * The points base; `names` adds each project's name (read one at a time, as the ids are), for a
 * map that shows names without the engine (the embed's tooltip and click): at 1M projects some
 * 40 MB more, which the internal map, whose engine starts anyway, does not keep.
 */
export function projectPointsFromFacts(facts: FactsColumns, { names = false }: { names?: boolean } = {}): LocalTable {
  const plan = planRows(facts.bools('in_plan'));
  const n = plan.length;
  const total = facts.moneyDoubles('total_investment');
  const ids = planUtf8(facts, 'id', plan);
  const decoder = new TextDecoder();
  const idOf = (k: number) => decoder.decode(ids.bytes.subarray(ids.offsets[k], ids.offsets[k + 1]));
  // ORDER BY total_investment DESC (NULLs last), id: distinct decimals of one scale are distinct doubles.
  const planTotal = new Float64Array(n);
  for (let k = 0; k < n; k++) planTotal[k] = total[plan[k]];
  const order = orderByDescending(planTotal, textOrder(ids, n));

  const keys = facts.doubles('row_key');
  const lon = facts.doubles('lon');
  const lat = facts.doubles('lat');
  const annual = facts.moneyDoubles('annual_plan');
  const completed = facts.moneyDoubles('completed_ytd');
  const phase = facts.text('phase');
  const rag = facts.text('rag');
  const phaseCode = codesOf(phase, PHASES, 0, 255);
  const ragCode = codesOf(rag, RAG_VALUES, 1, 0);
  const out = {
    row_key: new Int32Array(n),
    lon: new Float32Array(n),
    lat: new Float32Array(n),
    phase_code: new Uint8Array(n),
    rag_code: new Uint8Array(n),
    sqrt_total: new Float32Array(n),
    sqrt_annual: new Float32Array(n),
    sqrt_completed: new Float32Array(n)
  };
  for (let i = 0; i < n; i++) {
    const r = plan[order[i]];
    out.row_key[i] = keys[r];
    out.lon[i] = lon[r];
    out.lat[i] = lat[r];
    out.phase_code[i] = phaseCode[phase.codes[r]];
    out.rag_code[i] = ragCode[rag.codes[r]];
    out.sqrt_total[i] = sqrtOf(total[r]);
    out.sqrt_annual[i] = sqrtOf(annual[r]);
    out.sqrt_completed[i] = sqrtOf(Number.isNaN(completed[r]) ? 0 : completed[r]);
  }
  // Ids are read one at a time (hover, click): kept as UTF-8 in the plan's order, not as strings.
  const id = { length: n, at: (i: number) => (i >= 0 && i < n ? idOf(order[i]) : undefined) };
  const nameColumn: [string, { length: number; at: (i: number) => string | undefined }][] = [];
  if (names) {
    const text = planUtf8(facts, 'name', plan);
    const nameOf = (k: number) => decoder.decode(text.bytes.subarray(text.offsets[k], text.offsets[k + 1]));
    nameColumn.push(['name', { length: n, at: (i: number) => (i >= 0 && i < n ? nameOf(order[i]) : undefined) }]);
  }
  return new LocalTable(
    [
      ['id', id],
      ...nameColumn,
      ['row_key', out.row_key],
      ['lon', out.lon],
      ['lat', out.lat],
      ['phase_code', out.phase_code],
      ['rag_code', out.rag_code],
      ['sqrt_total', out.sqrt_total],
      ['sqrt_annual', out.sqrt_annual],
      ['sqrt_completed', out.sqrt_completed]
    ],
    n
  );
}

/** The points base with the projects' names (projectPointsFromFacts `names`). */
export const projectPointsWithNamesFromFacts = (facts: FactsColumns): LocalTable => projectPointsFromFacts(facts, { names: true });

const references = new WeakMap<Float32Array, Record<string, number | null>>();

/**
 * The size reference (sizeReferenceQuery: the 98th percentile of sqrt(money) over the plan) from
 * the map's whole points base in the page, as the first paint computes it (preview-points.ts), for
 * the dots' sizes before the engine can answer the query. Null for points that are not the whole
 * base (a database answer holds only the selected projects).
 */
export function baseSizeReference(points: ProjectPoints): Record<string, number | null> | null {
  if (!points.selected) return null;
  const known = references.get(points.sqrtTotal);
  if (known) return known;
  const q98 = (values: Float32Array) => quantileCont(Float32Array.from(values), 0.98);
  const reference = { total: q98(points.sqrtTotal), annual: q98(points.sqrtAnnual), completed: q98(points.sqrtCompleted) };
  references.set(points.sqrtTotal, reference);
  return reference;
}
