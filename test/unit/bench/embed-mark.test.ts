/**
 * The embed mark's pure parts (scripts/bench/embed.ts): its summary over runs, its targets
 * (≤ 5 MB, ≤ 1.5 s, no request for duckdb-wasm), its README rows and its options.
 */
import { describe, expect, it } from 'vitest';
import { embedRows, embedTargets, summariseEmbed, type EmbedRun } from '../../../scripts/bench/embed.ts';
import { parseBenchArgs } from '../../../scripts/bench/options.ts';

const MB = 2 ** 20;
const run = (n: number, onScreen: number | null, bytes: number, engine: string[] = []): EmbedRun => ({
  run: n,
  points_on_screen_ms: onScreen,
  rendered_points: onScreen === null ? null : 1000,
  interactive_ms: onScreen,
  bytes_total: bytes,
  requests: 20,
  by_file: [
    { file: `/_app/immutable/run-${n}.js`, bytes: bytes - 1000 },
    { file: '/data/bench-1k/facts/2026-11.parquet', bytes: 1000 }
  ],
  engine_requests: engine,
  errors: []
});

describe('the embed mark', () => {
  it('summarises the runs that drew points, with the files of the median run', () => {
    const s = summariseEmbed([run(1, 900, 3 * MB), run(2, 1100, 2 * MB), run(3, null, 9 * MB), run(4, 1000, 4 * MB)]);
    expect(s.runs).toBe(4);
    expect(s.points_on_screen_ms?.median).toBe(1000);
    expect(s.bytes_total?.median).toBe(3 * MB);
    expect(s.by_file[0].file).toBe('/_app/immutable/run-1.js');
  });

  it('meets its targets at 5 MB and 1.5 s with no engine request, and misses each past it', () => {
    const met = embedTargets(summariseEmbed([run(1, 1500, 5 * MB)]));
    expect(met.map((t) => t.met)).toEqual([true, true, true]);
    const missed = embedTargets(summariseEmbed([run(1, 1501, 5 * MB + 1, ['/_app/immutable/assets/duckdb-eh.wasm'])]));
    expect(missed.map((t) => t.met)).toEqual([false, false, false]);
    expect(missed[2].value).toBe(1);
  });

  it('has README rows only where it was measured', () => {
    const row = (label: string, f: (s: object) => string) =>
      `${label}: ${[{}, { embed: summariseEmbed([run(1, 1234, 2.5 * MB)]) }].map(f).join(' | ')}`;
    expect(embedRows([{}], row)).toEqual([]);
    expect(embedRows([{}, { embed: summariseEmbed([run(1, 1234, 2.5 * MB)]) }], row)).toEqual([
      '**embed: points on screen, s**: — | 1.23',
      '**embed: bytes transferred (compressed), MB**: — | 2.50',
      'embed: requests for duckdb-wasm: — | 0'
    ]);
  });

  it('is measured at 1k by default, at the sizes asked for, or not at all', () => {
    expect(parseBenchArgs([]).embedSizes).toEqual([1000]);
    expect(parseBenchArgs(['--embed-sizes', '1000,11000']).embedSizes).toEqual([1000, 11000]);
    expect(parseBenchArgs(['--no-embed']).embedSizes).toEqual([]);
  });
});
