/**
 * Filter states, needles, boxes, lassos and route scopes drawn at random from the dimension
 * registry (state/dimensions.ts) for the parity property test, with a seeded PRNG: boxes and
 * lassos often built round a project of the fixture, so that points sit on their edges and vertices.
 */
import { DIMENSIONS, emptyFilters, type FilterDimension, type FilterState } from '../../../src/lib/state/dimensions.ts';
import type { Area, Ring } from '../../../src/lib/queries/area.ts';
import { REGION, type Draw, type ParityFixture } from './parity-fixture.ts';

/** Values each list dimension takes in the fixture (for dimensions whose values come from the data). */
export function dataValues(f: ParityFixture): Record<string, string[]> {
  const distinct = (col: string) => [...new Set(f.projects.map((p) => p[col]).filter((v): v is string => typeof v === 'string'))];
  const out: Record<string, string[]> = {};
  for (const spec of DIMENSIONS) if (spec.kind === 'list') out[spec.id] = spec.column === 'rag' ? [] : distinct(spec.column);
  return out;
}

/** Random upper/lower case per character. */
export function mixCase(d: Draw, text: string): string {
  return [...text].map((c) => (d.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
}

export function drawNeedle(d: Draw, f: ParityFixture): string {
  if (d.chance(0.08)) return d.pick(['不存在的项目', 'zzz', 'Phase III']);
  const name = [...d.pick(f.names)];
  const len = d.int(1, Math.min(5, name.length));
  const from = d.int(0, name.length - len);
  let needle = mixCase(d, name.slice(from, from + len).join(''));
  if (d.chance(0.2)) needle = `${d.pick([' ', '\u3000', '  '])}${needle}${d.pick(['', ' ', '\u3000'])}`;
  return needle;
}

/** Projects whose longitude or latitude another project has too. */
const shared = new WeakMap<ParityFixture, [number, number][]>();
export function sharedPoints(f: ParityFixture): [number, number][] {
  let points = shared.get(f);
  if (!points) {
    const count = (axis: 0 | 1, v: number) => f.points.filter((p) => p[axis] === v).length;
    shared.set(f, (points = f.points.filter(([x, y]) => count(0, x) > 1 || count(1, y) > 1)));
  }
  return points;
}

/** A coordinate: often exactly a project's, else anywhere around the region. */
export function coordinateOn(d: Draw, f: ParityFixture, axis: 0 | 1, p = 0.5): number {
  if (d.chance(p)) return d.pick(f.points)[axis];
  const [lo, hi] = axis === 0 ? [REGION[0] - 0.02, REGION[2] + 0.02] : [REGION[1] - 0.02, REGION[3] + 0.02];
  return d.real(lo, hi);
}

/**
 * A box: mostly round a project, each edge either exactly on its coordinate or some way off it
 * (a box of one point when all four are); else four coordinates, each maybe a project's. Corners
 * in any order: the predicate takes min and max.
 */
export function drawBox(d: Draw, f: ParityFixture): Area {
  if (d.chance(0.25))
    return { type: 'box', bounds: [coordinateOn(d, f, 0), coordinateOn(d, f, 1), coordinateOn(d, f, 0), coordinateOn(d, f, 1)] };
  // Half the time a project on a longitude or latitude others share: an edge there has several on it.
  const [x, y] = d.pick(d.chance(0.5) ? sharedPoints(f) : f.points);
  const off = () => (d.chance(0.5) ? 0 : d.real(0.002, 0.1));
  const [w, s, e, n] = [x - off(), y - off(), x + off(), y + off()];
  const [x0, x1] = d.chance(0.3) ? [e, w] : [w, e];
  const [y0, y1] = d.chance(0.3) ? [n, s] : [s, n];
  return { type: 'box', bounds: [x0, y0, x1, y1] };
}

/**
 * A lasso: a star-shaped ring round a point, whose vertices sometimes sit on projects, with
 * sometimes a horizontal edge through a project (or along a latitude several projects share);
 * open or closed, sometimes self-intersecting.
 */
export function drawLasso(d: Draw, f: ParityFixture): Area {
  const [cx, cy] = d.chance(0.5) ? d.pick(f.points) : [d.real(REGION[0], REGION[2]), d.real(REGION[1], REGION[3])];
  const k = d.int(3, 7);
  const angles = Array.from({ length: k }, () => d.real(0, 2 * Math.PI)).sort((a, b) => a - b);
  const ring: Ring = angles.map((t) => {
    const r = d.real(0.01, 0.12);
    return [cx + r * Math.cos(t), cy + r * Math.sin(t)];
  });
  for (let i = 0; i < ring.length; i++) if (d.chance(0.3)) ring[i] = [...d.pick(f.points)];
  if (d.chance(0.5)) {
    // A horizontal edge through a project: two consecutive vertices on its latitude, either side of it.
    const [px, py] = d.pick(d.chance(0.5) ? sharedPoints(f) : f.points);
    const at = d.int(0, ring.length);
    const a: [number, number] = [px - d.real(0.005, 0.08), py];
    const b: [number, number] = [px + d.real(0.005, 0.08), py];
    ring.splice(at, 0, ...(d.chance(0.5) ? [a, b] : [b, a]));
    // …or ending on the project itself.
    if (d.chance(0.3)) ring[at + (d.chance(0.5) ? 0 : 1)] = [px, py];
  }
  if (d.chance(0.2)) d.shuffle(ring); // self-intersecting
  if (d.chance(0.4)) ring.push([...ring[0]]);
  return { type: 'lasso', ring };
}

/** A value for one dimension of the registry: empty, or drawn as its kind says. */
export function drawDimension(
  d: Draw,
  f: ParityFixture,
  dim: FilterDimension,
  values: Record<string, string[]>,
  pEmpty: number
): FilterState[FilterDimension] {
  const spec = DIMENSIONS.find((s) => s.id === dim)!;
  const empty = d.chance(pEmpty);
  switch (spec.kind) {
    case 'list': {
      if (empty) return [];
      const pool = [...new Set([...(spec.values ?? []), ...values[spec.id]])];
      const chosen = d.subset(pool, d.pick([0.3, 0.5, 0.8]));
      if (d.chance(0.08)) chosen.push('no-such-value');
      return chosen;
    }
    case 'text':
      return empty ? '' : drawNeedle(d, f);
    case 'area':
      return empty ? null : d.chance(0.5) ? drawBox(d, f) : drawLasso(d, f);
    default:
      throw new Error(`a dimension kind the test cannot draw: ${(spec as { kind: string }).kind}`);
  }
}

export const DIMS = DIMENSIONS.map((s) => s.id) as FilterDimension[];
/** The registry's dimensions, the area three times and the search twice (their edges are the subtle ones). */
export const WEIGHTED_DIMS = DIMENSIONS.flatMap((s) =>
  Array<FilterDimension>(s.kind === 'area' ? 3 : s.kind === 'text' ? 2 : 1).fill(s.id)
);

/** A whole filter state, each dimension empty with probability pEmpty. */
export function drawFilters(d: Draw, f: ParityFixture, values: Record<string, string[]>, pEmpty = 0.8): FilterState {
  const state = emptyFilters() as Record<FilterDimension, unknown>;
  for (const dim of DIMS) state[dim] = drawDimension(d, f, dim, values, pEmpty);
  return state as FilterState;
}

/** A route scope: one or two dimensions (or none: the scope cleared). */
export function drawScope(d: Draw, f: ParityFixture, values: Record<string, string[]>): Partial<FilterState> {
  if (d.chance(0.3)) return {};
  const scope: Record<string, unknown> = {};
  for (const dim of d.subset(DIMS, 0.1, 1).slice(0, 2)) scope[dim] = drawDimension(d, f, dim, values, 0);
  return scope as Partial<FilterState>;
}
