/**
 * The workspace of the dataset a URL asks for, created and replaced as the session loads datasets:
 * what a layout hosting pages needs (the app's shell, the embed's). Called while a component
 * initialises (it sets up effects and the context), it provides the slot every view reads.
 */
import { page } from '$app/state';
import { untrack } from 'svelte';
import { session } from '../db/session.svelte.ts';
import { provideWorkspace, type WorkspaceSlot } from './context.ts';
import { Workspace } from './workspace.svelte.ts';

export interface WorkspaceHost extends WorkspaceSlot {
  /** The dataset id the URL asks for (?ds), null for the default one. */
  readonly requested: string | null;
}

export function hostWorkspace(base: string): WorkspaceHost {
  const requested = $derived(page.url.searchParams.get('ds'));
  let workspace = $state.raw<Workspace | null>(null);
  const host: WorkspaceHost = {
    get current() {
      return workspace;
    },
    get requested() {
      return requested;
    }
  };
  provideWorkspace(host);

  $effect(() => {
    const id = requested;
    // The URL's month is read first (the page's index answers from it before the engine is in).
    untrack(() => session.open(base, id, page.url.searchParams.get('month')));
  });

  // One workspace per dataset staged (metadata and districts in): the pages are laid out and
  // answered from the month's facts; the engine starts when a view first needs SQL.
  $effect(() => {
    const engine = session.engine;
    const dataset = session.dataset;
    const version = session.version;
    if (!engine || !dataset || version === 0) return;
    const ws = untrack(() => {
      const datasetId = session.datasetId!;
      const projects = session.index.find((d) => d.id === datasetId)?.projects ?? null;
      return new Workspace({ dataset, datasetId, db: engine, url: page.url, base, projects, onfatal: (err) => session.fail(err) });
    });
    workspace = ws;
    return () => {
      if (workspace === ws) workspace = null;
      ws.destroy();
    };
  });

  // The workspace takes the first paint's points (the map lets go of them once the core answers).
  $effect(() => {
    const preview = session.preview;
    const ws = workspace;
    if (!preview || !ws || preview.datasetId !== ws.datasetId) return;
    ws.preview = preview.columns;
    session.preview = null;
  });

  // A navigation (a link, the back button) brings the shared state of its URL and its page's route
  // scope, applied before the new page's views make their first queries.
  $effect.pre(() => {
    const url = page.url;
    const ws = untrack(() => workspace);
    if (ws) untrack(() => ws.applyUrl(url));
  });

  return host;
}
