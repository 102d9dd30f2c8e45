/**
 * Heap snapshots of the page under test (CDP HeapProfiler), summarised by constructor: how many
 * objects of each kind and their own bytes, and what grew between two snapshots. The soak run
 * (soak.ts) takes them on request; heap-diff.ts compares two files and shows what retains a kind.
 */
import type { CDPSession } from '@playwright/test';
import { createWriteStream, readFileSync } from 'node:fs';

/** Writes a heap snapshot of the page to `file` (after a full collection: only what is kept). */
export async function takeHeapSnapshot(cdp: CDPSession, file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = ({ chunk }: { chunk: string }) => void out.write(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', write);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false, captureNumericValue: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', write);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]]; edge_fields: string[]; edge_types: [string[]] }; node_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A snapshot's nodes and edges read into arrays (the file is V8's JSON format). */
export class HeapGraph {
  readonly count: number;
  readonly type: string[] = [];
  readonly name: string[] = [];
  readonly selfSize: Float64Array;
  /** V8's node ids: stable across the snapshots of one page, so a node new since an earlier snapshot has an id it did not. */
  readonly id: Float64Array;
  /** Edges of node i: edgeFrom[i] … edgeFrom[i + 1] in edgeTo, edgeName, edgeType. */
  readonly edgeFrom: Int32Array;
  readonly edgeTo: Int32Array;
  readonly edgeName: string[] = [];
  readonly edgeType: string[] = [];

  constructor(raw: RawSnapshot) {
    const { meta } = raw.snapshot;
    const nf = meta.node_fields.length;
    const ef = meta.edge_fields.length;
    const [nType, nName, nId, nSelf, nEdges] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) => meta.node_fields.indexOf(f));
    const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => meta.edge_fields.indexOf(f));
    this.count = raw.nodes.length / nf;
    this.selfSize = new Float64Array(this.count);
    this.id = new Float64Array(this.count);
    this.edgeFrom = new Int32Array(this.count + 1);
    this.edgeTo = new Int32Array(raw.edges.length / ef);
    let e = 0;
    for (let i = 0; i < this.count; i++) {
      const at = i * nf;
      this.type.push(meta.node_types[0][raw.nodes[at + nType]]);
      this.name.push(raw.strings[raw.nodes[at + nName]]);
      this.selfSize[i] = raw.nodes[at + nSelf];
      this.id[i] = raw.nodes[at + nId];
      this.edgeFrom[i] = e;
      e += raw.nodes[at + nEdges];
    }
    this.edgeFrom[this.count] = e;
    for (let k = 0; k < this.edgeTo.length; k++) {
      const at = k * ef;
      const type = meta.edge_types[0][raw.edges[at + eType]];
      const nameOrIndex = raw.edges[at + eName];
      this.edgeType.push(type);
      this.edgeName.push(type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : raw.strings[nameOrIndex]);
      this.edgeTo[k] = raw.edges[at + eTo] / nf;
    }
  }

  static read(file: string): HeapGraph {
    return new HeapGraph(JSON.parse(readFileSync(file, 'utf8')) as RawSnapshot);
  }

  /** The kind a node is counted under: its constructor for objects, `name()` for closures, `(type)` otherwise. */
  kind(i: number): string {
    const type = this.type[i];
    if (type === 'object' || type === 'native') return this.name[i];
    if (type === 'closure') return `${this.name[i] || '(anonymous)'}()`;
    return `(${type})`;
  }
}

export interface KindCount {
  count: number;
  self_bytes: number;
}

/** Objects and their own bytes per kind (see HeapGraph.kind); only the nodes `only` accepts, when given. */
export function countByKind(graph: HeapGraph, only?: (i: number) => boolean): Map<string, KindCount> {
  const out = new Map<string, KindCount>();
  for (let i = 0; i < graph.count; i++) {
    if (only && !only(i)) continue;
    const k = graph.kind(i);
    const c = out.get(k) ?? { count: 0, self_bytes: 0 };
    c.count += 1;
    c.self_bytes += graph.selfSize[i];
    out.set(k, c);
  }
  return out;
}

/**
 * A snapshot's own bytes in three parts: compiled code (V8's bytecode, machine code, feedback and
 * inline caches, which grow as V8 compiles more of the page's functions), native objects (Blink's:
 * DOM, performance entries; typed arrays' buffers; some of V8's own lists), and every other JS
 * object (what the page's code keeps).
 */
export interface HeapParts {
  objects_kb: number;
  code_kb: number;
  native_kb: number;
}

export function heapParts(graph: HeapGraph): HeapParts {
  let objects = 0;
  let code = 0;
  let native = 0;
  for (let i = 0; i < graph.count; i++) {
    const type = graph.type[i];
    if (type === 'code') code += graph.selfSize[i];
    else if (type === 'native') native += graph.selfSize[i];
    else if (type !== 'synthetic') objects += graph.selfSize[i];
  }
  const kb = (b: number) => Math.round((b / 1024) * 10) / 10;
  return { objects_kb: kb(objects), code_kb: kb(code), native_kb: kb(native) };
}

export interface KindGrowth {
  kind: string;
  count_before: number;
  count_after: number;
  /** Own bytes after − before. */
  self_bytes: number;
}

/** The kinds that grew most in own bytes from `before` to `after`, largest first. */
export function growth(before: Map<string, KindCount>, after: Map<string, KindCount>, limit = 25): KindGrowth[] {
  const kinds = new Set([...before.keys(), ...after.keys()]);
  return [...kinds]
    .map((kind) => {
      const a = before.get(kind) ?? { count: 0, self_bytes: 0 };
      const b = after.get(kind) ?? { count: 0, self_bytes: 0 };
      return { kind, count_before: a.count, count_after: b.count, self_bytes: b.self_bytes - a.self_bytes };
    })
    .filter((g) => g.self_bytes > 0 || g.count_after > g.count_before)
    .sort((x, y) => y.self_bytes - x.self_bytes || y.count_after - y.count_before - (x.count_after - x.count_before))
    .slice(0, limit);
}

/**
 * For up to `limit` nodes of a kind, the shortest chain of strong references from the GC roots
 * to it (what keeps it alive), as `kind .edge → kind .edge → …`. Weak edges are not followed.
 */
export function retainerPaths(graph: HeapGraph, kind: string, limit = 3, only?: (i: number) => boolean): string[] {
  const parent = new Int32Array(graph.count).fill(-1);
  const via = new Int32Array(graph.count).fill(-1);
  const seen = new Uint8Array(graph.count);
  const queue = new Int32Array(graph.count);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  seen[0] = 1;
  while (head < tail) {
    const i = queue[head++];
    for (let e = graph.edgeFrom[i]; e < graph.edgeFrom[i + 1]; e++) {
      const to = graph.edgeTo[e];
      if (seen[to] || graph.edgeType[e] === 'weak' || graph.edgeType[e] === 'shortcut') continue;
      seen[to] = 1;
      parent[to] = i;
      via[to] = e;
      queue[tail++] = to;
    }
  }
  const paths: string[] = [];
  for (let i = graph.count - 1; i >= 0 && paths.length < limit; i--) {
    if (graph.kind(i) !== kind || !seen[i] || (only && !only(i))) continue;
    const steps: string[] = [];
    for (let n = i; parent[n] >= 0 && steps.length < 40; n = parent[n]) steps.push(`${graph.kind(parent[n])} .${graph.edgeName[via[n]]}`);
    paths.push(`${steps.reverse().join(' → ')} → ${kind}`);
  }
  return paths;
}
