/**
 * The escalation ladder on the ledger of the demo data: each row's position from the ledger's SQL
 * is what rules/escalation.ts gives for it; the "overran its step" filter, the totals and the map's
 * rings count the same problems.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { toMonth } from '../../../src/lib/metrics/month.ts';
import type { LabelSource } from '../../../src/lib/queries/data-table.ts';
import { ledgerQuery, ledgerTotalsQuery, problemMarkersQuery } from '../../../src/lib/queries/problems.ts';
import { ladderAt } from '../../../src/lib/rules/escalation.ts';
import type { DatasetMeta } from '../../../src/lib/schema.ts';
import { translate } from '../../../src/lib/i18n/translate.ts';
import { DEFAULT_LEDGER_SORT, emptyLedgerFilter } from '../../../src/lib/views/problems/ledger-state.ts';
import { openNodeApi, type Engine } from '../db/engines.ts';

const DATASETS = ['county-2023', 'guiyang-2021', 'lishui-2018'];
let engine: Engine;
const metas = new Map<string, DatasetMeta>();
const table = (ds: string, m: string) => `facts_${ds.replace(/-/g, '_')}_${m.replace('-', '_')}`;
const problems = (ds: string) => `problems_${ds.replace(/-/g, '_')}`;
const labels: LabelSource = { message: (key, params) => translate('zh-CN', key, params), districts: new Map() };
const iso = (v: unknown) => (v === null ? null : (v instanceof Date ? v.toISOString() : String(v)).slice(0, 10));

beforeAll(async () => {
  engine = await openNodeApi();
  for (const ds of DATASETS) {
    const dir = `static/data/${ds}`;
    const meta = JSON.parse(await readFile(`${dir}/meta.json`, 'utf8')) as DatasetMeta;
    metas.set(ds, meta);
    const months = meta.facts_months!;
    for (const m of [months[2], months.at(-1)!])
      await engine.rows(`CREATE TABLE ${table(ds, m)} AS SELECT * FROM read_parquet('${dir}/facts/${m}.parquet')`);
    await engine.rows(`CREATE TABLE ${problems(ds)} AS SELECT * FROM read_parquet('${dir}/problems.parquet')`);
  }
});
afterAll(() => engine?.close());

const run = (ds: string, q: { toString(): string }) =>
  engine.rows(
    String(q)
      .replaceAll('problems AS p', `${problems(ds)} AS p`)
      .replaceAll('FROM "problems"', `FROM ${problems(ds)}`)
  );

describe('the ladder on the ledger', () => {
  for (const ds of DATASETS) {
    it(`${ds}: every row's next step and overrun is ladderAt's; the filter, the totals and the map agree`, async () => {
      const meta = metas.get(ds)!;
      const ladder = meta.rule_preset.escalation!.steps;
      const months = meta.facts_months!;
      for (const month of [months[2], months.at(-1)!]) {
        const m = toMonth(month);
        const ctx = { filter: undefined, month: m, facts: { facts: table(ds, month) }, ladder };
        const rows = await run(ds, ledgerQuery(ctx, { filter: emptyLedgerFilter(), sort: DEFAULT_LEDGER_SORT, labels }));
        expect(rows.length).toBeGreaterThan(0);
        let overrun = 0;
        for (const r of rows) {
          const js = ladderAt(
            ladder,
            {
              raised_on: iso(r.raised_on)!,
              deadline: iso(r.deadline)!,
              level: String(r.level),
              notices: Number(r.notices),
              interviews: Number(r.interviews),
              settled: !r.open
            },
            m.end
          );
          expect({ next: r.ladder_next, due: iso(r.ladder_next_due), overrun: r.ladder_overrun }, `${ds} ${r.id} ${month}`).toEqual({
            next: js.next?.index ?? null,
            due: js.next?.due ?? null,
            overrun: js.overrun
          });
          if (js.overrun) overrun++;
        }
        const filtered = await run(
          ds,
          ledgerQuery(ctx, { filter: { ...emptyLedgerFilter(), due: 'overrun' }, sort: DEFAULT_LEDGER_SORT, labels })
        );
        const [totals] = await run(ds, ledgerTotalsQuery(ctx, emptyLedgerFilter()));
        if (month === months.at(-1)) expect(overrun).toBeGreaterThan(0);
        expect(filtered.length).toBe(overrun);
        expect(Number(totals.overrun)).toBe(overrun);
        const markers = await run(ds, problemMarkersQuery(ctx));
        const placed = new Set(markers.map((x) => String(x.id)));
        const overrunPlaced = rows.filter((r) => r.ladder_overrun && placed.has(String(r.project_id))).length;
        expect(markers.reduce((s, x) => s + Number(x.overrun), 0)).toBe(overrunPlaced);
      }
    });
  }

  it('without a ladder the ledger has no ladder columns and ignores the overrun filter', async () => {
    const ds = 'county-2023';
    const month = metas.get(ds)!.facts_months!.at(-1)!;
    const ctx = { filter: undefined, month: toMonth(month), facts: { facts: table(ds, month) } };
    const all = await run(ds, ledgerQuery(ctx, { filter: emptyLedgerFilter(), sort: DEFAULT_LEDGER_SORT, labels }));
    const filtered = await run(
      ds,
      ledgerQuery(ctx, { filter: { ...emptyLedgerFilter(), due: 'overrun' }, sort: DEFAULT_LEDGER_SORT, labels })
    );
    expect(filtered.length).toBe(all.length);
    expect('ladder_overrun' in all[0]).toBe(false);
  });
});

describe("the ledger's export columns of the ladder", () => {
  it('names the next step in the given words, the top of the ladder as such, and flags the overrun ones', async () => {
    const ds = 'guiyang-2021';
    const meta = metas.get(ds)!;
    const ladder = meta.rule_preset.escalation!.steps;
    const month = meta.facts_months!.at(-1)!;
    const ctx = { filter: undefined, month: toMonth(month), facts: { facts: table(ds, month) }, ladder };
    const words = ladder.map((s) => `STEP-${s.id}`);
    const rows = await run(ds, ledgerQuery(ctx, { filter: emptyLedgerFilter(), sort: DEFAULT_LEDGER_SORT, labels, ladderWords: words }));
    for (const r of rows) {
      const expected = !r.open ? '' : r.ladder_next === null ? '已至最高一级' : words[Number(r.ladder_next)];
      expect(r.next_step, String(r.id)).toBe(expected);
      expect(r.overrun_flag).toBe(r.ladder_overrun ? '超出本级时限' : '');
    }
    expect(rows.some((r) => String(r.next_step).startsWith('STEP-'))).toBe(true);
  });
});
