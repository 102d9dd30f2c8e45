/**
 * What the project card shows of one project at a month: its facts row (the month's facts table),
 * its details, monthly curve and open problems (its rows of the source files, db/row-lookup.ts).
 * Each part is read on its own: a file that cannot be read leaves its part out and is named in
 * `unreadable`, and the rest of the card is still shown.
 */
import type { MonthPoint } from '$lib/charts/MonthlyCurve.svelte';
import { userMessage } from '$lib/db/errors.ts';
import type { Message } from '$lib/i18n/translate.ts';
import { toMonth } from '$lib/metrics/month.ts';
import {
  CARD_MONTHLY_COLUMNS,
  CARD_PROBLEM_COLUMNS,
  cardDetailsColumns,
  cardDetailsQuery,
  cardFactsQuery,
  cardMonthlyQuery,
  cardProblemsQuery
} from '$lib/queries/project-card.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';

export type Row = Record<string, unknown>;

export interface CardData {
  /** The project's facts row; null when the month's facts have no such project (or could not be read). */
  facts: Row | null;
  details: Row | null;
  monthly: MonthPoint[];
  problems: Row[];
  /** Why a part could not be read, each naming its file. */
  unreadable: Message[];
}

type Rows = { toArray(): unknown[] } | null;
const rows = (t: Rows) => (t?.toArray() ?? []) as Row[];

/** Reads the card's parts for `id` at `month`; never rejects. */
export async function loadCard(ws: Workspace, id: string, month: string): Promise<CardData> {
  const unreadable: Message[] = [];
  const part = <T>(reading: Promise<T>): Promise<T | null> =>
    reading.catch((err: unknown) => {
      console.error(err);
      unreadable.push(userMessage(err));
      return null;
    });
  const { lookup } = ws.dataset;
  const ctx = ws.core.context();
  const [f, d] = await Promise.all([
    part(ws.core.query(cardFactsQuery(ctx.facts, id))),
    part(lookup('projects', id, cardDetailsColumns(ws.internal), (from) => ws.core.query(cardDetailsQuery(id, ws.internal, from))))
  ]);
  const facts = rows(f)[0] ?? null;
  let monthly: MonthPoint[] = [];
  let problems: Row[] = [];
  if (ws.internal && facts) {
    const [m, p] = await Promise.all([
      part(
        lookup('monthly', id, CARD_MONTHLY_COLUMNS, (from) => ws.core.query(cardMonthlyQuery(id, Number(month.slice(0, 4)), month, from)))
      ),
      part(lookup('problems', id, CARD_PROBLEM_COLUMNS, (from) => ws.core.query(cardProblemsQuery(id, toMonth(month), from))))
    ]);
    monthly = rows(m) as unknown as MonthPoint[];
    problems = rows(p);
  }
  return { facts, details: rows(d)[0] ?? null, monthly, problems, unreadable };
}
