/** The map's problems layer: each ring's place, colour (by level or by overdue) and size. */
import { describe, expect, it } from 'vitest';
import {
  NOT_OVERDUE_COLOR,
  OVERDUE_COLOR,
  PROBLEM_LEVEL_COLORS,
  problemRings,
  ringColor,
  OVERRUN_COLOR,
  NOT_OVERRUN_COLOR,
  ringRadius
} from '../../../src/lib/map/problem-rings.ts';

const money = { sqrt_total: 10, sqrt_annual: 5, sqrt_completed: 2 };
const rows = [
  { id: 'a', lon: 109.4, lat: 24.3, open: 1, overdue: 0, overrun: 1, top_level: 0, ...money },
  { id: 'b', lon: 109.5, lat: 24.4, open: 3, overdue: 2, overrun: 0, top_level: 4, ...money, sqrt_total: 20 }
];

describe('the problem rings', () => {
  it('colour a project by the highest level its open problems sit at, or by whether any is overdue', () => {
    expect(ringColor(rows[0], 'level')).toEqual(PROBLEM_LEVEL_COLORS[0]);
    expect(ringColor(rows[1], 'level')).toEqual(PROBLEM_LEVEL_COLORS[4]);
    expect(ringColor(rows[0], 'overdue')).toEqual(NOT_OVERDUE_COLOR);
    expect(ringColor(rows[1], 'overdue')).toEqual(OVERDUE_COLOR);
    expect(ringColor(rows[0], 'overrun')).toEqual(OVERRUN_COLOR);
    expect(ringColor(rows[1], 'overrun')).toEqual(NOT_OVERRUN_COLOR);
    expect(ringColor({ overdue: 0, overrun: 0, top_level: 9 }, 'level')).toEqual(PROBLEM_LEVEL_COLORS[4]);
  });

  it('sit just outside the dot', () => {
    expect([ringRadius(2.5), ringRadius(40)]).toEqual([6, 43.5]);
  });

  it('are binary attributes in row order, positions moved into the basemap datum when asked', () => {
    const rings = problemRings(
      rows,
      'overdue',
      (r) => r.sqrt_total / 2,
      ([lon, lat]) => [lon + 1, lat + 1]
    );
    expect(rings.length).toBe(2);
    expect(rings.ids).toEqual(['a', 'b']);
    expect([...rings.attributes.getPosition.value].map((v) => Math.round(v * 10) / 10)).toEqual([110.4, 25.3, 110.5, 25.4]);
    expect([...rings.attributes.getLineColor.value.slice(4, 8)]).toEqual([...OVERDUE_COLOR, 255]);
    expect([...rings.attributes.getRadius.value]).toEqual([8.5, 13.5]);
  });
});
