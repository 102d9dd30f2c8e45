/**
 * Reading a Chrome trace of the page (V8's samples and the renderer's timeline in one clock): where
 * the main thread's time went within windows of it, by function (self and inclusive), by module and
 * by the renderer's own work (style, layout, paint). Used by the profiling scripts (profile-changes.ts,
 * profile-drill.ts).
 */

export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tid: number;
  pid: number;
  id?: string;
  args?: { data?: Record<string, unknown> };
}

interface ProfileNode {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url?: string; lineNumber: number; columnNumber: number };
}

/** A stretch of the trace, in its microseconds. */
export type TraceWindow = [from: number, to: number];

/** The categories a trace needs for this analysis. */
export const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'v8.execute',
  'disabled-by-default-v8.cpu_profiler'
];

/** The renderer main thread's V8 samples from the trace's ProfileChunk events: [ts µs, node]. */
export function samplesOf(events: TraceEvent[], pid: number, tid: number) {
  const nodes = new Map<number, ProfileNode>();
  const samples: { ts: number; node: number }[] = [];
  const chunks = events.filter((e) => e.name === 'ProfileChunk' && e.pid === pid);
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  const id = profile?.id;
  let ts = Number((profile?.args?.data as { startTime?: number })?.startTime ?? 0);
  for (const c of chunks) {
    if (id && c.id !== id) continue;
    const data = c.args!.data as {
      cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] };
      timeDeltas?: number[];
    };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    const s = data.cpuProfile?.samples ?? [];
    const d = data.timeDeltas ?? [];
    for (let i = 0; i < s.length; i++) {
      ts += d[i] ?? 0;
      samples.push({ ts, node: s[i] });
    }
  }
  return { nodes, samples };
}

const short = (url = '') => url.replace(/^.*\/_app\/immutable\//, '').replace(/^https?:\/\/[^/]+/, '');

/** The user timing marks whose names start with `prefix`, by name: their time in the trace's clock. */
export function marksOf(events: TraceEvent[], prefix: string): { at: (name: string) => number; pid: number; tid: number } {
  const marks = events.filter((e) => e.cat.includes('blink.user_timing') && e.name.startsWith(prefix));
  if (marks.length === 0) throw new Error(`no user timing mark starting with ${prefix} in the trace`);
  return { at: (name) => marks.find((m) => m.name === name)?.ts ?? NaN, pid: marks[0].pid, tid: marks[0].tid };
}

const inAny = (ts: number, windows: TraceWindow[]) => windows.some(([from, to]) => ts >= from && ts <= to);

/** Self time per function and per module, and inclusive time, of the main thread's samples within the windows. */
export function functionTimes(events: TraceEvent[], thread: { pid: number; tid: number }, windows: TraceWindow[]): string {
  const { nodes, samples } = samplesOf(events, thread.pid, thread.tid);
  const byFn = new Map<string, number>();
  const byUrl = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, us: number) => m.set(k, (m.get(k) ?? 0) + us);
  // The first sample has no interval before it in the profile: it counts for nothing.
  let last = samples[0]?.ts ?? 0;
  for (const s of samples) {
    const dt = s.ts - last;
    last = s.ts;
    if (!inAny(s.ts, windows)) continue;
    const n = nodes.get(s.node)!;
    const f = n.callFrame;
    add(byFn, `${f.functionName || '(anon)'} ${short(f.url)}:${f.lineNumber + 1}`, dt);
    // Inclusive: every function on the sample's stack, once.
    const seen = new Set<string>();
    for (let at: ProfileNode | undefined = n; at; at = at.parent === undefined ? undefined : nodes.get(at.parent)) {
      const c = at.callFrame;
      const k = `${c.functionName || '(anon)'} ${short(c.url)}:${c.lineNumber + 1}`;
      if (seen.has(k)) continue;
      seen.add(k);
      add(inclusive, k, dt);
    }
    add(byUrl, short(f.url) || f.functionName, dt);
  }
  const top = (m: Map<string, number>, k: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([n, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${n}`)
      .join('\n');
  return `by module:\n${top(byUrl, 25)}\n\nby function:\n${top(byFn, 50)}\n\ninclusive:\n${top(inclusive, 90)}`;
}

const RENDERER_WORK = [
  'UpdateLayoutTree',
  'Layout',
  'Paint',
  'PrePaint',
  'Layerize',
  'HitTest',
  'ParseHTML',
  'GCEvent',
  'MinorGC',
  'MajorGC'
];

/** The renderer's own work within the windows: the main thread's top-level timeline events, summed by kind. */
export function rendererWork(events: TraceEvent[], thread: { pid: number; tid: number }, windows: TraceWindow[]): string {
  const sums = new Map<string, number>();
  for (const e of events) {
    if (e.pid !== thread.pid || e.tid !== thread.tid || e.ph !== 'X' || !RENDERER_WORK.includes(e.name)) continue;
    if (!inAny(e.ts, windows)) continue;
    sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  return [...sums.entries()].map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`).join('\n');
}

/** The main thread's tasks overlapping the windows, each with its start (ms from its window's start) and length. */
export function tasksIn(events: TraceEvent[], thread: { pid: number; tid: number }, windows: TraceWindow[]): string {
  const lines: string[] = [];
  for (const [from, to] of windows) {
    const tasks = events
      .filter(
        (e) =>
          e.pid === thread.pid && e.tid === thread.tid && e.ph === 'X' && e.name === 'RunTask' && e.ts + (e.dur ?? 0) >= from && e.ts <= to
      )
      .filter((e) => (e.dur ?? 0) >= 1000)
      .sort((a, b) => a.ts - b.ts);
    lines.push(tasks.map((e) => `${((e.ts - from) / 1000).toFixed(0)}+${((e.dur ?? 0) / 1000).toFixed(0)}`).join(' '));
  }
  return lines.join('\n');
}
