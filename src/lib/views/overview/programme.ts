/**
 * The programme overview's tables as data, from grouped inputs (queries in overview-queries.ts):
 * the plan's annex layout (phase totals with their sectors beneath, the implementation total,
 * preparatory projects, all projects), and the reconciliation of the initial plan with today's
 * programme (supplementary batches added, exits taken away).
 */
import { PHASES, SECTORS, type Phase, type Sector } from '../../schema.ts';
import type { FilterState } from '../../state/dimensions.ts';
import { addSums, subtract, sumRows, type InputRow, type Sums } from './sums.ts';

/** The annex's order: new, continuing and completion (the implementation projects), then preparatory. */
export const ANNEX_PHASES: readonly Phase[] = ['new', 'continuing', 'completion', 'preparatory'];
export const IMPLEMENTATION: readonly Phase[] = ['new', 'continuing', 'completion'];

export interface TableRow {
  key: string;
  kind: 'phase' | 'sector' | 'implementation' | 'all';
  phase: Phase | null;
  sector: Sector | null;
  /** The filters that select the row's projects (a cell's link to the map). */
  filters: Partial<FilterState>;
  now: Sums;
  /** The same projects' inputs at the month before (null when there is none). */
  before: Sums | null;
}

const inPhases = (phases: readonly Phase[]) => (r: InputRow) => phases.includes(r.phase as Phase);

/**
 * The annex rows, for the phases and sectors the data has. `now` and `before` are in-plan rows
 * grouped by phase and sector (at least).
 */
export function annexRows(now: readonly InputRow[], before: readonly InputRow[] | null): TableRow[] {
  const present = (keep: (r: InputRow) => boolean) => now.some(keep);
  const row = (
    key: string,
    kind: TableRow['kind'],
    phase: Phase | null,
    sector: Sector | null,
    keep: (r: InputRow) => boolean,
    filters: Partial<FilterState>
  ): TableRow => ({
    key,
    kind,
    phase,
    sector,
    filters,
    now: sumRows(now, keep),
    before: before ? sumRows(before, keep) : null
  });
  const rows: TableRow[] = [];
  const implementationRow = () =>
    row('implementation', 'implementation', null, null, inPhases(IMPLEMENTATION), { phase: [...IMPLEMENTATION] });
  for (const phase of ANNEX_PHASES) {
    const ofPhase = (r: InputRow) => r.phase === phase;
    // The implementation total closes the implementation phases, before the preparatory ones;
    // over a single phase (a filter on it) it would only say that phase's total again.
    if (phase === 'preparatory' && IMPLEMENTATION.filter((p) => present((r) => r.phase === p)).length > 1) rows.push(implementationRow());
    if (!present(ofPhase)) continue;
    rows.push(row(phase, 'phase', phase, null, ofPhase, { phase: [phase] }));
    for (const sector of SECTORS) {
      const keep = (r: InputRow) => r.phase === phase && r.sector === sector;
      if (present(keep)) rows.push(row(`${phase}:${sector}`, 'sector', phase, sector, keep, { phase: [phase], sector: [sector] }));
    }
  }
  rows.push(row('all', 'all', null, null, inPhases(PHASES), {}));
  return rows;
}

export interface Reconciliation {
  /** The plan as first published (the initial batch, exits included). */
  initial: Sums;
  /** Each supplementary batch, in order, exits included. */
  batches: { batch: string; sums: Sums }[];
  /** Projects that left the plan by the month. */
  exited: Sums;
  /** The programme at the month: in the plan. */
  current: Sums;
  /** initial + batches − exited, which must equal `current`. */
  reconciled: Sums;
}

const batchOrder = (b: string) => (b === 'initial' ? -1 : Number(/(\d+)$/.exec(b)?.[1] ?? 1e9));

/** `inPlan` and `exited` are rows grouped by batch (at least). */
export function reconcile(inPlan: readonly InputRow[], exited: readonly InputRow[]): Reconciliation {
  const ofBatch = (b: string) => (r: InputRow) => r.batch === b;
  const batches = [...new Set([...inPlan, ...exited].map((r) => String(r.batch)))]
    .filter((b) => b !== 'initial')
    .sort((a, b) => batchOrder(a) - batchOrder(b) || a.localeCompare(b));
  const initial = addSums(sumRows(inPlan, ofBatch('initial')), sumRows(exited, ofBatch('initial')));
  const added = batches.map((batch) => ({ batch, sums: addSums(sumRows(inPlan, ofBatch(batch)), sumRows(exited, ofBatch(batch))) }));
  const gone = sumRows(exited);
  const current = sumRows(inPlan);
  const reconciled = subtract(addSums(initial, ...added.map((a) => a.sums)), gone);
  return { initial, batches: added, exited: gone, current, reconciled };
}

/** Whether two sums agree on the projects and money a reconciliation shows. */
export function sameFigures(a: Sums, b: Sums): boolean {
  return (['projects', 'total', 'annual'] as const).every((id) => (a[id] ?? null) === (b[id] ?? null));
}
