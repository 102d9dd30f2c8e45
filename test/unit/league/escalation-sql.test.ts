/**
 * The ladder's SQL (queries/escalation.ts) gives what the one definition (rules/escalation.ts)
 * gives, problem by problem, for the five presets' ladders on seeded problems raised across 2024
 * (its Spring Festival, Qingming, Labour Day and National Day holidays and their working weekends)
 * and into the end of 2026, where the holiday calendar stops, run on @duckdb/node-api.
 */
import { sql, Query } from '@uwdata/mosaic-sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactWorkingCalendar, withLadder } from '../../../src/lib/queries/escalation.ts';
import { workingDayNumbers } from '../../../src/lib/rules/working-days.ts';
import { ladderAt, type LadderProblem } from '../../../src/lib/rules/escalation.ts';
import { PLAN_PRESETS } from '../../../src/lib/rules/presets/index.ts';
import { PROBLEM_LEVELS } from '../../../src/lib/schema.ts';
import { Rng } from '../../../scripts/generate/prng.ts';
import type { Engine } from '../db/engines.ts';
import { ruleDb } from './rule-fixture.ts';

const DAY_MS = 86_400_000;
const plus = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Problems raised on every few days from `from`, with every level and notice count, some settled. */
function problems(rng: Rng, from: string, n: number, prefix: string): (LadderProblem & { id: string })[] {
  return Array.from({ length: n }, (_, i) => {
    const raised_on = plus(from, rng.int(0, 300));
    return {
      id: `${prefix}${i}`,
      raised_on,
      deadline: plus(raised_on, rng.pick([0, 15, 30, 45, 60])),
      level: rng.pick([...PROBLEM_LEVELS]),
      notices: rng.int(0, 4),
      interviews: rng.int(0, 2),
      settled: rng.chance(0.2)
    };
  });
}

const rng = new Rng(20241001);
const fixture = [...problems(rng, '2024-01-01', 160, 'A'), ...problems(rng.fork('late'), '2026-09-01', 40, 'B')];
const DAYS = ['2024-02-29', '2024-05-31', '2024-10-31', '2024-12-31', '2026-11-30', '2026-12-31'];
const iso = (v: unknown) => (v === null ? null : (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10));

let engine: Engine;
beforeAll(async () => {
  engine = await ruleDb({
    problems: fixture.map((p) => ({
      id: p.id,
      raised_on: p.raised_on,
      deadline: p.deadline,
      level: p.level,
      notices: p.notices,
      interviews: p.interviews,
      status: p.settled ? 'closed' : 'supervised'
    }))
  });
});
afterAll(() => engine?.close());

describe('the ladder in SQL equals ladderAt', () => {
  for (const preset of PLAN_PRESETS) {
    it(`${preset.id}: every problem at every day`, async () => {
      const steps = preset.escalation!.steps;
      for (const day of DAYS) {
        const source = Query.from('problems')
          .select('id', 'raised_on', 'deadline', 'level', 'notices', 'interviews', { open: sql`status NOT IN ('resolved', 'closed')` })
          .where(sql`raised_on <= DATE '${day}'`);
        const rows = await engine.rows(`${withLadder(source, steps, day).orderby('id')}`);
        const raised = fixture.filter((p) => p.raised_on <= day);
        expect(rows.length).toBe(raised.length);
        const byId = new Map(rows.map((r) => [String(r.id), r]));
        for (const p of raised) {
          const js = ladderAt(steps, p, day);
          const r = byId.get(p.id)!;
          const got = {
            reached: Number(r.ladder_reached),
            recorded: Number(r.ladder_recorded),
            overrun: Boolean(r.ladder_overrun),
            next: r.ladder_next === null ? null : Number(r.ladder_next),
            due: iso(r.ladder_next_due),
            beyond: Boolean(r.ladder_beyond)
          };
          expect(got, `${preset.id} ${p.id} at ${day}`).toEqual({
            reached: js.reached,
            recorded: js.recorded,
            overrun: js.overrun,
            next: js.next?.index ?? null,
            due: js.next?.due ?? null,
            beyond: js.beyondCalendar
          });
        }
      }
    });
  }

  it('the fixture reaches every state the comparison has to hold: overrun and not, dated and undated, beyond the calendar', () => {
    const states = PLAN_PRESETS.flatMap((preset) =>
      DAYS.flatMap((day) => fixture.filter((p) => p.raised_on <= day).map((p) => ladderAt(preset.escalation!.steps, p, day)))
    );
    expect(states.some((s) => s.overrun)).toBe(true);
    expect(states.some((s) => !s.overrun && s.next !== null)).toBe(true);
    expect(states.some((s) => s.next?.due === null && s.next.afterNotices !== null)).toBe(true);
    expect(states.some((s) => s.beyondCalendar)).toBe(true);
  });
});

describe('the compact working-day calendar', () => {
  it('numbers every day of 2021–2026 as workingDayNumbers does', async () => {
    const rows = await engine.rows(
      `SELECT strftime(date, '%Y-%m-%d') AS date, working, n FROM (${compactWorkingCalendar(2021, 2026)}) ORDER BY date`
    );
    expect(rows.map((r) => ({ date: r.date, working: r.working, n: Number(r.n) }))).toEqual(workingDayNumbers(2021, 2026));
  });
});
