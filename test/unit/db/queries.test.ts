/** Pure query builders: exact SQL, DuckDB accepts them, and the lasso agrees with turf. */
import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, point, polygon } from '@turf/turf';
import { boxPredicate, lassoPredicate, type Ring } from '../../../src/lib/queries/area.ts';
import { facetCountsQuery, levelMetrics, mapPointsQuery, projectListQuery } from '../../../src/lib/queries/views.ts';
import { createQueryCore } from '../../../src/lib/db/coordinator.ts';
import { filterClause } from '../../../src/lib/state/filters.ts';
import type { Connector } from '@uwdata/mosaic-core';
import { emptySchemaDb, explain } from './empty-schema.ts';
import { openNodeApi } from './engines.ts';

describe('map selection SQL', () => {
  it('box, corners in any order', () => {
    expect(String(boxPredicate([109.5, 24.4, 109.3, 24.2]))).toBe('((lon BETWEEN 109.3 AND 109.5) AND (lat BETWEEN 24.2 AND 24.4))');
  });

  it('lasso: a bounding box, then one crossing term per non-horizontal edge', () => {
    const sql = String(
      lassoPredicate([
        [0, 0],
        [2, 0],
        [0, 2]
      ])
    );
    expect(sql.startsWith('(((lon BETWEEN 0 AND 2) AND (lat BETWEEN 0 AND 2)) AND (')).toBe(true);
    expect(sql.match(/AS INTEGER\)/g)?.length).toBe(2);
    expect(sql).toContain(') % 2 = 1');
  });

  it('a degenerate lasso selects nothing', () => {
    expect(
      String(
        lassoPredicate([
          [0, 0],
          [1, 0],
          [2, 0]
        ])
      )
    ).toBe('FALSE');
  });

  it('lasso agrees with turf on 2,000 seeded points around a concave polygon', async () => {
    const ring: Ring = [
      [109.3, 24.2],
      [109.5, 24.2],
      [109.5, 24.4],
      [109.4, 24.28],
      [109.3, 24.4]
    ];
    let seed = 42;
    const rand = () => (seed = (seed * 1664525 + 1013904223) % 4294967296) / 4294967296;
    const pts = Array.from({ length: 2000 }, (_, i) => [i, 109.25 + rand() * 0.3, 24.15 + rand() * 0.3] as const);
    const db = await openNodeApi();
    const values = pts.map(([i, x, y]) => `(${i}, ${x}, ${y})`).join(',');
    const rows = await db.rows(`SELECT i FROM (VALUES ${values}) AS t(i, lon, lat) WHERE ${lassoPredicate(ring)} ORDER BY i`);
    const poly = polygon([[...ring, ring[0]]]);
    const expected = pts.filter(([, x, y]) => booleanPointInPolygon(point([x, y]), poly)).map(([i]) => i);
    expect(expected.length).toBeGreaterThan(300);
    expect(rows.map((r) => r.i)).toEqual(expected);
    db.close();
  });
});

describe('view queries', () => {
  const core = createQueryCore({
    connector: { query: async () => undefined } as unknown as Connector,
    month: '2022-06',
    logger: null,
    materialize: false
  });
  const ctx = () => core.context();

  it('the map query selects points and casts money only at output', () => {
    const sql = String(mapPointsQuery(ctx()));
    expect(sql).toMatch(
      /^SELECT "id", "lon", "lat", "sector", "phase", "level", "rag", "completion_rate", "gap_points", CAST\(total_investment AS DOUBLE\)/
    );
    expect(sql).toMatch(/WHERE in_plan ORDER BY "id"$/);
  });

  it('a filter clause puts user text in a quoted literal', () => {
    const clause = filterClause('unit', ["市住建局'; DROP TABLE projects; --"], {}, new Set());
    expect(String(clause.predicate)).toBe(`("lead_unit" IN ('市住建局''; DROP TABLE projects; --'))`);
  });

  it('DuckDB accepts every view query, filtered and not', async () => {
    const db = await emptySchemaDb();
    const filtered = createQueryCore({
      connector: { query: async () => undefined } as unknown as Connector,
      month: '2022-06',
      logger: null,
      materialize: false
    });
    filtered.update({
      filters: {
        sector: ['industry'],
        rag: ['red'],
        q: '路',
        area: {
          type: 'lasso',
          ring: [
            [0, 0],
            [1, 0],
            [0, 1]
          ]
        }
      }
    });
    for (const c of [core.context(), filtered.context()]) {
      await explain(db, String(mapPointsQuery(c)));
      await explain(db, String(facetCountsQuery(c, 'district')));
      await explain(db, String(projectListQuery(c, { orderBy: 'gap_points', descending: true, limit: 50, offset: 50 })));
      await explain(db, String(levelMetrics(c, 'unit')));
    }
    expect(String(filtered.context().filter)).toContain(`"sector" IN ('industry')`);
  });

  it('the project list only sorts by known columns', () => {
    expect(String(projectListQuery(ctx(), { orderBy: 'name; DROP TABLE x' }))).toMatch(
      /ORDER BY "id" ASC NULLS LAST, "id" LIMIT 100 OFFSET 0$/
    );
  });
});
