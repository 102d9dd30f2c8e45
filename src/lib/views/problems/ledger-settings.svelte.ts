/**
 * The problem ledger page's own choices, read once from the URL the page opens at (what cannot
 * be used becomes a notice) and written back through the workspace (ledger-state.ts says how).
 */
import type { EscalationStep } from '../../rules/preset-schema.ts';
import type { UrlNotice } from '../../state/url-values.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import { MapSettings } from '../map/map-settings.svelte.ts';
import {
  clickLedgerSort,
  DEFAULT_LEDGER_SORT,
  emptyLedgerFilter,
  ledgerParams,
  parseLedgerFilter,
  parseLedgerSort,
  toggleFacet,
  type DueFilter,
  type LedgerFacet,
  type LedgerFilter,
  type LedgerSort,
  type LedgerSortKey
} from './ledger-state.ts';

export class LedgerSettings {
  filter = $state.raw<LedgerFilter>(emptyLedgerFilter());
  sort = $state.raw<LedgerSort>(DEFAULT_LEDGER_SORT);
  /** The preset's escalation ladder, when it has one: the ledger's queries add its columns. */
  readonly ladder: readonly EscalationStep[] | undefined;
  /** The page's map: its problem rings (by level unless the URL says) mark what the ledger lists. */
  readonly map: MapSettings;
  readonly #ws: Workspace;

  constructor(ws: Workspace, params: URLSearchParams) {
    this.#ws = ws;
    this.ladder = ws.dataset.meta.rule_preset.escalation?.steps;
    const notices: UrlNotice[] = [];
    this.filter = parseLedgerFilter(params, notices);
    this.sort = parseLedgerSort(params.get('psort'), notices) ?? DEFAULT_LEDGER_SORT;
    this.map = new MapSettings(ws, params, { problems: 'level' });
    if (notices.length) ws.notices = [...ws.notices, ...notices];
  }

  params(): URLSearchParams {
    const p = ledgerParams(this.filter, this.sort);
    for (const [k, v] of this.map.params()) p.set(k, v);
    return p;
  }

  toggle(facet: LedgerFacet, value: string): void {
    this.#set(toggleFacet(this.filter, facet, value));
  }

  setDue(due: DueFilter | null): void {
    this.#set({ ...this.filter, due });
  }

  clear(): void {
    this.#set(emptyLedgerFilter());
  }

  sortBy(key: LedgerSortKey): void {
    this.sort = clickLedgerSort(this.sort, key);
    this.#ws.writeUrl();
  }

  #set(filter: LedgerFilter): void {
    this.filter = filter;
    this.#ws.writeUrl();
  }
}
