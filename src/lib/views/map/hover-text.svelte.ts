/**
 * The map's tooltip text: the hovered project's or line's name and its phase and RAG. A point's
 * name comes from the points when they keep names (MapView `namesInPage`: the embed, without the
 * engine), else it is asked for one row at a time (the point query carries ids only).
 */
import type { HoverInfo } from '$lib/map/ProjectMap.svelte';
import type { ProjectLines } from '$lib/map/project-lines.ts';
import type { ProjectPoints } from '$lib/map/project-points.ts';
import { RAG_VALUES } from '$lib/metrics/investment.ts';
import { projectNameQuery } from '$lib/queries/map.ts';
import { PHASES } from '$lib/schema.ts';
import { t } from '$lib/i18n/locale.svelte.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';

export interface HoverText {
  name: string;
  detail: string;
}

/** Call during a component's initialisation (it owns an effect); `current` is the text, null for none. */
export function useHoverText(
  ws: () => Workspace,
  hovered: () => HoverInfo | null,
  points: () => ProjectPoints | null,
  lines: () => ProjectLines | null
): { readonly current: HoverText | null } {
  let hoverName = $state.raw<{ id: string; name: string } | null>(null);
  $effect(() => {
    const h = hovered();
    const p = points();
    if (!h || h.kind !== 'point' || !p || h.index >= p.length) return;
    const id = p.idAt(h.index);
    if (!id || hoverName?.id === id) return;
    const inPage = p.nameAt(h.index);
    if (inPage) return void (hoverName = { id, name: inPage });
    ws()
      .core.query(projectNameQuery(ws().core.context().facts, id))
      .then(
        (table) => {
          const [row] = table.toArray() as { name: string }[];
          if (row) hoverName = { id, name: row.name };
        },
        () => undefined
      );
  });
  const text = $derived.by((): HoverText | null => {
    const hover = hovered();
    if (!hover) return null;
    if (hover.kind === 'line') {
      const path = lines()?.paths[hover.index];
      return path ? { name: path.name, detail: '' } : null;
    }
    const p = points();
    if (!p || hover.index >= p.length) return null;
    const phase = PHASES[p.phase[hover.index]];
    const ragCode = p.rag[hover.index];
    const rag = ragCode ? RAG_VALUES[ragCode - 1] : null;
    const detail = [phase ? t(`phase.${phase}`) : '', ws().internal ? t(rag ? `rag.${rag}` : 'rag.none') : ''].filter(Boolean).join(' · ');
    return { name: hoverName?.id === p.idAt(hover.index) ? hoverName.name : '…', detail };
  });
  return {
    get current() {
      return text;
    }
  };
}
