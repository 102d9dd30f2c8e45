/**
 * Exact integer allocation: split an integer total (万元) over items by weight, with
 * per-item minimum and maximum, so that the parts add up to the total exactly.
 */

export class AllocationError extends Error {}

/**
 * Largest-remainder split of `total` in proportion to `weights`, each part within
 * [min[i], max[i]] (integers). Caps are met by water-filling: items that hit a bound are
 * fixed and the rest re-split. Deterministic; ties go to the lower index.
 */
export function allocate(total: number, weights: number[], min?: number[], max?: number[]): number[] {
  const n = weights.length;
  if (!Number.isInteger(total) || total < 0) throw new AllocationError(`total must be a non-negative integer: ${total}`);
  const lo = min ?? new Array(n).fill(0);
  const hi = max ?? new Array(n).fill(Infinity);
  const sumLo = lo.reduce((s, v) => s + v, 0);
  const sumHi = hi.reduce((s, v) => s + v, 0);
  if (sumLo > total || sumHi < total) {
    throw new AllocationError(`cannot allocate ${total} over ${n} items within bounds [${sumLo}, ${sumHi}]`);
  }
  const out = new Array<number>(n).fill(0);
  const fixed = new Array<boolean>(n).fill(false);
  // Water-filling on real values, then integer rounding with bounds respected.
  const real = new Array<number>(n).fill(0);
  for (let iter = 0; iter < n + 1; iter++) {
    let remaining = total;
    let wsum = 0;
    for (let i = 0; i < n; i++) {
      if (fixed[i]) remaining -= real[i];
      else wsum += Math.max(weights[i], 1e-12);
    }
    let changed = false;
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      real[i] = (remaining * Math.max(weights[i], 1e-12)) / wsum;
    }
    // Fix the worst violators first (those below min, then above max).
    for (let i = 0; i < n; i++) {
      if (fixed[i]) continue;
      if (real[i] < lo[i]) {
        real[i] = lo[i];
        fixed[i] = true;
        changed = true;
      } else if (real[i] > hi[i]) {
        real[i] = hi[i];
        fixed[i] = true;
        changed = true;
      }
    }
    if (!changed) break;
  }
  let assigned = 0;
  const rema: { i: number; r: number }[] = [];
  for (let i = 0; i < n; i++) {
    const f = Math.min(hi[i], Math.max(lo[i], Math.floor(real[i])));
    out[i] = f;
    assigned += f;
    rema.push({ i, r: real[i] - f });
  }
  let left = total - assigned;
  rema.sort((a, b) => b.r - a.r || a.i - b.i);
  // Hand out the remainder one unit at a time, cycling if needed, never beyond a cap.
  while (left > 0) {
    let progressed = false;
    for (const { i } of rema) {
      if (left === 0) break;
      if (out[i] < hi[i]) {
        out[i]++;
        left--;
        progressed = true;
      }
    }
    if (!progressed) throw new AllocationError('allocation stuck: caps too tight');
  }
  while (left < 0) {
    let progressed = false;
    for (const { i } of [...rema].reverse()) {
      if (left === 0) break;
      if (out[i] > lo[i]) {
        out[i]--;
        left++;
        progressed = true;
      }
    }
    if (!progressed) throw new AllocationError('allocation stuck: minimums too high');
  }
  return out;
}

/** 亿元 string with two decimals ("707.89") → integer 万元 (7078900). */
export function yiToWan(yi: string): number {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(yi);
  if (!m) throw new AllocationError(`not a 亿元 amount: ${yi}`);
  return Number(m[1]) * 10000 + Number((m[2] ?? '').padEnd(2, '0')) * 100;
}

/** Integer or two-decimal 万元 → 亿元 string with two decimals, rounded half up on the cent. */
export function wanToYi(wan: number): string {
  const cents = Math.round(wan * 100); // 0.01万元
  const yiCents = Math.floor((cents + 5000) / 10000); // 0.01亿元 = 100万元 = 10000 cents of 万元
  return `${Math.floor(yiCents / 100)}.${String(yiCents % 100).padStart(2, '0')}`;
}

/** Two-decimal 万元 string from an integer number of 0.01万元 (cents of 万元). */
export function centsToMoney(cents: number): string {
  const neg = cents < 0;
  const a = Math.abs(cents);
  return `${neg ? '-' : ''}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}
