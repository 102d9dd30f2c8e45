/** The preset's RAG rule in words, for legends and column definitions: colour never carries the rule alone. */
import type { Message } from '../i18n/translate.ts';
import type { RagRule } from './preset-schema.ts';

const percent = (share: number) => Math.round(share * 1000) / 10;

/** The legend's three lines (green, amber, red) for a RAG rule. */
export function ragLegend(rag: RagRule): [Message, Message, Message] {
  if (rag.basis === 'share_of_elapsed') {
    const params = { green: percent(rag.green_min_share), amber: percent(rag.amber_min_share) };
    return [
      { key: 'map.legend.rag.green.share', params },
      { key: 'map.legend.rag.amber.share', params },
      { key: 'map.legend.rag.red.share', params }
    ];
  }
  const params = { green: rag.green_max_points_behind, points: rag.amber_max_points_behind };
  return [
    rag.green_max_points_behind === 0 ? { key: 'map.legend.rag.green' } : { key: 'map.legend.rag.green.points', params },
    rag.green_max_points_behind === 0 ? { key: 'map.legend.rag.amber', params } : { key: 'map.legend.rag.amber.points', params },
    { key: 'map.legend.rag.red', params }
  ];
}

/** The RAG column's definition (data table, exports). */
export function ragDefinition(rag: RagRule): Message {
  return rag.basis === 'share_of_elapsed'
    ? { key: 'data.def.rag.share', params: { green: percent(rag.green_min_share), amber: percent(rag.amber_min_share) } }
    : { key: 'data.def.rag', params: { points: rag.amber_max_points_behind } };
}
