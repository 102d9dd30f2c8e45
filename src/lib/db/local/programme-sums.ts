/**
 * The sums behind the programme KPIs among the selected projects, in one pass over the index.
 *
 * A broad selection (clearing a filter, a wide box) is summed as the month's totals minus the
 * projects left out, so no change visits more than half of the projects; words of four projects
 * all on the side not visited are skipped. Money is integer cents in doubles: a sum is exact
 * while the magnitudes it adds stay within 2^53, and a difference of two exact sums is exact.
 */
import { MONEY_INPUTS, type FilterIndex, type MoneyInput } from './filter-index.ts';
import { countSelected, maskWords, newMask, wordOf } from './masks.ts';

export interface ProgrammeSums {
  /** Projects selected. */
  n: number;
  /** SQL sum() of each money input over the selected projects (null over no non-NULL value). */
  sum: Record<MoneyInput, number | null>;
  /** Selected new-start projects, and those of them started. */
  newProjects: number;
  newStarted: number;
  /** Every sum is exact. */
  exact: boolean;
}

/** Over the rows whose mask byte is `side`: each input's sum, non-NULL count and magnitude (the row count is countSelected's). */
interface SideSums {
  newProjects: number;
  newStarted: number;
  sums: Float64Array;
  counts: Float64Array;
  magnitudes: Float64Array;
}

const INPUTS = MONEY_INPUTS.length;
const ANNUAL = MONEY_INPUTS.indexOf('annual_plan');

/**
 * `annual_plan` counts for implemented projects only: a row whose phase code is 0 (NULL) or
 * `preparatory` adds nothing to it.
 */
function sumSide(index: FilterIndex, mask: Uint8Array, side: 0 | 1, newCode: number, preparatoryCode: number): SideSums {
  const phase = index.lists.phase.codes;
  const started = index.started;
  const money = MONEY_INPUTS.map((c) => index.money[c]);
  const sums = new Float64Array(INPUTS);
  const counts = new Float64Array(INPUTS);
  const magnitudes = new Float64Array(INPUTS);
  let newProjects = 0;
  let newStarted = 0;
  const visit = (i: number) => {
    const p = phase[i];
    if (p === newCode) {
      newProjects++;
      if (started[i] === 1) newStarted++;
    }
    const implemented = p !== 0 && p !== preparatoryCode;
    for (let c = 0; c < INPUTS; c++) {
      const v = money[c][i];
      if (v !== v || (c === ANNUAL && !implemented)) continue;
      sums[c] += v;
      counts[c]++;
      magnitudes[c] += v < 0 ? -v : v;
    }
  };
  const words = maskWords(mask);
  const skip = wordOf(side === 1 ? 0 : 1);
  const whole = mask.length >> 2;
  for (let j = 0; j < whole; j++) {
    if (words[j] === skip) continue;
    const i = j << 2;
    if (mask[i] === side) visit(i);
    if (mask[i + 1] === side) visit(i + 1);
    if (mask[i + 2] === side) visit(i + 2);
    if (mask[i + 3] === side) visit(i + 3);
  }
  for (let i = whole << 2; i < mask.length; i++) if (mask[i] === side) visit(i);
  return { newProjects, newStarted, sums, counts, magnitudes };
}

/** The month's totals per index (every project), for broad selections. */
const totalsOf = new WeakMap<FilterIndex, Map<string, SideSums>>();

function totals(index: FilterIndex, newCode: number, preparatoryCode: number): SideSums {
  let byCodes = totalsOf.get(index);
  if (!byCodes) totalsOf.set(index, (byCodes = new Map()));
  const key = `${newCode}:${preparatoryCode}`;
  let all = byCodes.get(key);
  if (!all) {
    const everyone = newMask(index.length).fill(1);
    byCodes.set(key, (all = sumSide(index, everyone, 1, newCode, preparatoryCode)));
  }
  return all;
}

const withinDouble = (magnitudes: Float64Array) => magnitudes.every((m) => m <= Number.MAX_SAFE_INTEGER);

/** The programme sums among the projects `mask` selects; `newCode`/`preparatoryCode` are phase codes (−1 when absent). */
export function programmeSums(index: FilterIndex, mask: Uint8Array, newCode: number, preparatoryCode: number): ProgrammeSums {
  const all = totals(index, newCode, preparatoryCode);
  const selected = countSelected(mask);
  // More than half selected: the totals minus the rest, when the totals themselves are exact.
  const complement = selected * 2 > mask.length && withinDouble(all.magnitudes);
  const part = sumSide(index, mask, complement ? 0 : 1, newCode, preparatoryCode);
  const sum = {} as Record<MoneyInput, number | null>;
  MONEY_INPUTS.forEach((c, k) => {
    const count = complement ? all.counts[k] - part.counts[k] : part.counts[k];
    sum[c] = count === 0 ? null : complement ? all.sums[k] - part.sums[k] : part.sums[k];
  });
  return {
    n: selected,
    sum,
    newProjects: complement ? all.newProjects - part.newProjects : part.newProjects,
    newStarted: complement ? all.newStarted - part.newStarted : part.newStarted,
    exact: complement || withinDouble(part.magnitudes)
  };
}
