/**
 * The workspace through Svelte context: the app's layout provides it, every page and view reads
 * it. The workspace comes later than the layout (once the dataset is staged), so the context holds
 * a getter, read reactively.
 */
import { getContext, setContext } from 'svelte';
import type { Workspace } from './workspace.svelte.ts';

const KEY = Symbol('workspace');

export interface WorkspaceSlot {
  /** The workspace of the loaded dataset, or null while none is. */
  readonly current: Workspace | null;
}

export function provideWorkspace(slot: WorkspaceSlot): void {
  setContext(KEY, slot);
}

export function workspaceSlot(): WorkspaceSlot {
  const slot = getContext<WorkspaceSlot | undefined>(KEY);
  if (!slot) throw new Error('no workspace: a page must be inside the app layout');
  return slot;
}
