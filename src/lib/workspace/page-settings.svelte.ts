/**
 * A page's own state (sort, columns, sides compared…), read from the address it opens at for the
 * workspace of the dataset and written back through it: made again when the workspace changes or
 * when `key` (the address's parameters that name another page of the same route) does.
 */
import { page } from '$app/state';
import { untrack } from 'svelte';
import type { WorkspaceSlot } from './context.ts';
import type { Workspace } from './workspace.svelte.ts';

export interface PageState {
  params(): URLSearchParams;
}

export interface PageSettings<S> {
  readonly current: S | null;
}

/** Call during a component's initialisation (it owns an effect). */
export function pageSettings<S extends PageState>(
  slot: WorkspaceSlot,
  path: string | (() => string),
  make: (ws: Workspace, params: URLSearchParams) => S,
  key: () => string = () => ''
): PageSettings<S> {
  let settings = $state.raw<S | null>(null);
  $effect(() => {
    const ws = slot.current;
    void key();
    if (!ws) return;
    const s = untrack(() => make(ws, page.url.searchParams));
    settings = s;
    const detach = ws.attachPage(typeof path === 'string' ? path : untrack(path), () => s.params());
    return () => {
      detach();
      if (settings === s) settings = null;
    };
  });
  return {
    get current() {
      return settings;
    }
  };
}
