/**
 * The pages that exist, in navigation order: a new page is a route plus an entry here. `prefetch`
 * says what the page will need beyond the month shown, loaded when the user points at its link.
 */
import type { MessageKey } from '../i18n/messages.ts';
import type { Prefetch } from '../db/coordinator.ts';
import { previousMonth } from '../metrics/month.ts';
import type { Workspace } from './workspace.svelte.ts';

export interface PageEntry {
  /** Route path relative to the app's base, with the trailing slash every route has. */
  path: string;
  label: MessageKey;
  prefetch?: (ws: Workspace) => Prefetch;
}

export const PAGES: readonly PageEntry[] = [
  { path: '/', label: 'nav.map' },
  {
    path: '/overview/',
    label: 'nav.overview',
    // The change since last month reads the previous month's facts.
    prefetch: (ws) => ({ months: [previousMonth(ws.core.month)].filter((m) => m !== null && ws.months.includes(m.key)) as never })
  },
  { path: '/data/', label: 'nav.data' },
  // The console loads a source table when a query reads it; nothing to load ahead.
  { path: '/sql/', label: 'nav.console' }
];

/** The page entry a pathname (relative to the base) belongs to. */
export function pageOf(path: string): PageEntry | undefined {
  const normal = path.endsWith('/') ? path : `${path}/`;
  return PAGES.find((p) => p.path === normal);
}
