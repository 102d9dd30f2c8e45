/**
 * Thirty (or N) varied filter changes, the same for every run of a size: single and multiple
 * values of each list dimension, name search, map boxes, combinations, and clearing. Each is a
 * whole filter state; the core re-queries only the dimensions that differ from the previous one.
 */
export interface BenchFilters {
  phase: string[];
  sector: string[];
  district: string[];
  level: string[];
  size: string[];
  rag: string[];
  unit: string[];
  q: string;
  area: { type: 'box'; bounds: [number, number, number, number] } | null;
}

export interface District {
  code: string;
  label: [number, number];
}

const PHASES = ['preparatory', 'new', 'continuing', 'completion'];
const SECTORS = ['infrastructure', 'industry', 'livelihood', 'ecology'];
const LEVELS = ['provincial', 'city', 'county'];
const SIZES = ['lt1000', '1000_3000', '3000_5000', '5000_10000', '1e4_1e5', 'ge1e5'];
const WORDS = ['道路', '产业园', '医院', '污水', '学'];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function empty(): BenchFilters {
  return { phase: [], sector: [], district: [], level: [], size: [], rag: [], unit: [], q: '', area: null };
}

export function makeChanges(n: number, districts: District[], seed = 7): BenchFilters[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const some = <T>(xs: T[], k: number) => [...xs].sort(() => r() - 0.5).slice(0, k);
  const ordered = (all: string[], xs: string[]) => all.filter((v) => xs.includes(v));
  const box = (): BenchFilters['area'] => {
    const d = pick(districts);
    const w = 0.3 + r() * 1.5;
    return { type: 'box', bounds: [d.label[0] - w, d.label[1] - w * 0.7, d.label[0] + w, d.label[1] + w * 0.7] };
  };
  const steps: ((f: BenchFilters) => BenchFilters)[] = [
    (f) => ({ ...f, phase: [pick(PHASES)] }),
    (f) => ({ ...f, sector: [pick(SECTORS)] }),
    (f) => ({ ...f, district: some(districts, 1 + Math.floor(r() * 3)).map((d) => d.code) }),
    (f) => ({ ...f, phase: ordered(PHASES, some(PHASES, 2)) }),
    (f) => ({ ...f, level: [pick(LEVELS)] }),
    (f) => ({ ...f, size: ordered(SIZES, some(SIZES, 2)) }),
    (f) => ({ ...f, q: pick(WORDS) }),
    (f) => ({ ...f, area: box() }),
    (f) => ({ ...f, district: [], area: null }),
    (f) => ({ ...f, sector: ordered(SECTORS, some(SECTORS, 3)), q: '' }),
    () => empty()
  ];
  const out: BenchFilters[] = [];
  let f = empty();
  for (let i = 0; i < n; i++) {
    const next = steps[i % steps.length](f);
    // Never a no-op (the core would not re-query): change the search text instead.
    if (JSON.stringify(next) === JSON.stringify(f)) next.q = WORDS.find((w) => w !== f.q)!;
    f = next;
    out.push(JSON.parse(JSON.stringify(f)));
  }
  return out;
}
