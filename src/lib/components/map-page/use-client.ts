/**
 * Connects a view's query-core client for the lifetime of an $effect:
 *   $effect(() => useClient(state, { query: (ctx) => …, result: (t) => … }));
 * Pending queries count towards the page's loading indication.
 */
import type { ClientSpec } from '../../db/coordinator-client.ts';
import type { MapPageState } from './page-state.svelte.ts';

export function useClient(state: MapPageState, spec: ClientSpec): () => void {
  let waiting = false;
  const settle = () => {
    if (waiting) state.pending -= 1;
    waiting = false;
  };
  const client = state.core.client({
    ...spec,
    pending() {
      if (!waiting) state.pending += 1;
      waiting = true;
      spec.pending?.();
    },
    result(data) {
      settle();
      spec.result(data);
    },
    error(err) {
      settle();
      spec.error?.(err);
    }
  });
  return () => {
    settle();
    client.destroy();
  };
}
