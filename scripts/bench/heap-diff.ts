/**
 * What a page kept between two heap snapshots of it (the soak run's, --soak-snapshots):
 *
 *   npx tsx scripts/bench/heap-diff.ts before.heapsnapshot after.heapsnapshot [--retainers <kind>] [--top 25]
 *
 * Prints the kinds (constructors, `name()` for closures, `(type)` otherwise) of the objects in
 * `after` that were not in `before` (V8's node ids), with their count and own bytes, then the
 * kinds whose totals grew; with --retainers, the shortest chains of strong references from the
 * GC roots to a few of the new objects of that kind.
 */
import { countByKind, growth, HeapGraph, retainerPaths } from './heap-snapshot.ts';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
};
const retainers = flag('--retainers');
const top = Number(flag('--top') ?? 25);
const [beforeFile, afterFile] = args;
if (!beforeFile || !afterFile) {
  console.error('usage: npx tsx scripts/bench/heap-diff.ts <before.heapsnapshot> <after.heapsnapshot> [--retainers <kind>] [--top 25]');
  process.exit(2);
}
const before = HeapGraph.read(beforeFile);
const after = HeapGraph.read(afterFile);
const old = new Set(before.id);
const isNew = (i: number) => !old.has(after.id[i]);
const fresh = [...countByKind(after, isNew)].sort((a, b) => b[1].self_bytes - a[1].self_bytes).slice(0, top);
console.log(`New in ${afterFile} (not in ${beforeFile}): kind, objects, own bytes`);
for (const [kind, c] of fresh)
  console.log(`  ${kind.slice(0, 80).padEnd(80)} ${String(c.count).padStart(7)} ${String(c.self_bytes).padStart(10)}`);
console.log('\nGrew (objects before → after, own bytes added):');
for (const g of growth(countByKind(before), countByKind(after), top))
  console.log(`  ${g.kind.slice(0, 80).padEnd(80)} ${g.count_before} → ${g.count_after} ${String(g.self_bytes).padStart(10)}`);
if (retainers) {
  console.log(`\nWhat keeps new ${retainers} alive:`);
  for (const p of retainerPaths(after, retainers, 5, isNew)) console.log(`  ${p}\n`);
}
