/** A query core's client that records its results, for the coordinator's tests. */
import type { Table } from '@uwdata/flechette';
import type { QueryCore } from '../../../src/lib/db/coordinator.ts';
import type { ClientSpec } from '../../../src/lib/db/coordinator-client.ts';

/** A client that records every result and lets a test wait for the next one. */
export function recorder(c: QueryCore, spec: Omit<ClientSpec, 'result'>) {
  const results: Record<string, unknown>[][] = [];
  let waiters: (() => void)[] = [];
  const client = c.client({
    error: (e) => {
      results.push([{ error: String(e) }]);
      waiters.splice(0).forEach((w) => w());
    },
    ...spec,
    result: (t: Table) => {
      results.push(t.toArray() as Record<string, unknown>[]);
      const ready = waiters;
      waiters = [];
      ready.forEach((w) => w());
    }
  });
  /** The `count`-th result (1-based), once it has arrived. */
  const next = (count = 1) =>
    new Promise<Record<string, unknown>[]>((resolve) => {
      const check = () => (results.length >= count ? resolve(results[count - 1]) : waiters.push(check));
      check();
    });
  return { client, results, next, latest: () => results.at(-1)! };
}

export const ids = (rows: Record<string, unknown>[]) => rows.map((r) => r.id);
