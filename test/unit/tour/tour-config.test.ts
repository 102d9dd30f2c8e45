import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { DEFAULT_TOUR, describeIssue, parseTourConfig, parseTourUrl, withUrl } from '../../../src/lib/tour/config.ts';
import { expandScenes } from '../../../src/lib/tour/scenes.ts';
import { sceneFilters } from '../../../src/lib/views/war-room/apply-scene.ts';
import { emptyFilters } from '../../../src/lib/state/dimensions.ts';
import { afterCheck, dataSignature, initialWatch, isStale, nextCheckDelay } from '../../../src/lib/tour/data-watch.ts';

const DISTRICTS = [{ code: '450202' }, { code: '450203' }];

describe('the war room config file', () => {
  it('the shipped static/config/war-room.json is valid', () => {
    const { issues } = parseTourConfig(JSON.parse(readFileSync('static/config/war-room.json', 'utf8')));
    expect(issues).toEqual([]);
  });

  it('an unknown key is refused, naming its path', () => {
    const { config, issues } = parseTourConfig({ scenes: [{ kind: 'league', dwell: 5 }] });
    expect(config).toBe(DEFAULT_TOUR);
    expect(issues.map((i) => [i.path, i.message])).toEqual([['scenes[0].dwell', 'unknown key']]);
    expect(describeIssue(issues[0])).toMatch(/^config\/war-room\.json: scenes\[0\]\.dwell: unknown key; allowed: the keys kind, /);
  });

  it('a wrong type is refused, naming its path and what is allowed', () => {
    const { issues } = parseTourConfig({ dwell_seconds: '20', scenes: [{ kind: 'lagging', filters: { rag: 'red' } }] });
    expect(issues.map((i) => i.path)).toEqual(['scenes[0].filters.rag', 'dwell_seconds']);
    expect(issues[1].allowed).toBe('a number from 1 to 3600');
  });

  it('an unknown scene kind or filter dimension is refused', () => {
    expect(parseTourConfig({ scenes: [{ kind: 'weather' }] }).issues[0].path).toBe('scenes[0].kind');
    expect(parseTourConfig({ scenes: [{ kind: 'programme', filters: { colour: ['x'] } }] }).issues[0].path).toBe(
      'scenes[0].filters.colour'
    );
  });

  it('a valid file fills what it leaves out from the defaults', () => {
    const { config, issues } = parseTourConfig({ _comment: 'x', scenes: [{ kind: 'league' }], idle_resume_seconds: 5 });
    expect(issues).toEqual([]);
    expect(config.idle_resume_seconds).toBe(5);
    expect(config.check_seconds).toBe(DEFAULT_TOUR.check_seconds);
    expect(config.scenes).toEqual([{ kind: 'league' }]);
  });
});

describe('the war room URL', () => {
  it('reads the wall, dwell, idle, scenes, start scene and language', () => {
    const { url, problems } = parseTourUrl(new URLSearchParams('screen=wall&dwell=2&idle=3&scenes=league,programme&scene=2&lang=en'));
    expect(problems).toEqual([]);
    expect(url).toMatchObject({ wall: true, dwell: 2, idle: 3, scenes: ['league', 'programme'], start: 2, lang: 'en' });
  });

  it('names each parameter it cannot use', () => {
    const { problems } = parseTourUrl(new URLSearchParams('screen=tv&dwell=0&scenes=league,weather&scene=x&lang=fr'));
    expect(problems.map((p) => p.split('=')[0])).toEqual(['scenes', 'scene', 'lang', 'screen', 'dwell']);
  });

  it('a dwell in the URL applies to every scene; scenes pick and order kinds', () => {
    const url = parseTourUrl(new URLSearchParams('dwell=1.5&scenes=league,programme')).url;
    const config = withUrl(DEFAULT_TOUR, url);
    expect(config.scenes.map((s) => [s.kind, s.dwell_seconds])).toEqual([
      ['league', 1.5],
      ['programme', 1.5]
    ]);
  });
});

describe('scenes', () => {
  it('"districts" becomes one scene per district; ids are unique; dwell in ms', () => {
    const scenes = expandScenes(DEFAULT_TOUR, DISTRICTS);
    expect(scenes.map((s) => s.id)).toEqual([
      'programme',
      'district:450202',
      'district:450203',
      'league',
      'lagging',
      'changes',
      'problems'
    ]);
    expect(scenes[1]).toMatchObject({ kind: 'district', district: '450202', dwellMs: 12_000 });
    expect(scenes[0].dwellMs).toBe(20_000);
  });

  it('a district scene for a code the data lacks is left out; repeated kinds get distinct ids', () => {
    const scenes = expandScenes(
      { ...DEFAULT_TOUR, scenes: [{ kind: 'district', district: '999999' }, { kind: 'league' }, { kind: 'league' }] },
      DISTRICTS
    );
    expect(scenes.map((s) => s.id)).toEqual(['league', 'league-2']);
  });

  it("a scene's filters replace the screen's own for the dimensions it names, and keep the others", () => {
    const base = { ...emptyFilters(), sector: ['industry'], rag: ['green'] };
    const [, district, , , lagging] = expandScenes(DEFAULT_TOUR, DISTRICTS);
    expect(sceneFilters(base, lagging)).toMatchObject({ sector: ['industry'], rag: ['red'], district: [] });
    expect(sceneFilters(base, district)).toMatchObject({ sector: ['industry'], rag: ['green'], district: ['450202'] });
  });
});

describe('watching the server', () => {
  it('a failed check makes the data stale since the last good answer, and backs off to the ceiling', () => {
    let s = initialWatch(1000);
    s = afterCheck(s, { ok: true, signature: 'a' }, 5000);
    expect(isStale(s)).toBe(false);
    expect(nextCheckDelay(s, 60_000, 30_000)).toBe(60_000);
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      s = afterCheck(s, { ok: false }, 6000 + i);
      delays.push(nextCheckDelay(s, 60_000, 30_000));
    }
    expect(isStale(s)).toBe(true);
    expect(s.lastOk).toBe(5000);
    expect(delays).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);
    s = afterCheck(s, { ok: true, signature: 'b' }, 9000);
    expect([isStale(s), s.latest, s.lastOk]).toEqual([false, 'b', 9000]);
  });

  it("a new as-of month or month list changes the data's signature; the same data does not", () => {
    const entry = { id: 'x', name: { zh: 'x', en: 'x' }, year: 2022, projects: 3 };
    const a = dataSignature(entry, { as_of: '2022-08-31', facts_months: ['2022-08'] });
    expect(dataSignature({ ...entry }, { as_of: '2022-08-31', facts_months: ['2022-08'] })).toBe(a);
    expect(dataSignature(entry, { as_of: '2022-09-30', facts_months: ['2022-08', '2022-09'] })).not.toBe(a);
    expect(dataSignature({ ...entry, projects: 4 }, { as_of: '2022-08-31', facts_months: ['2022-08'] })).not.toBe(a);
  });
});
