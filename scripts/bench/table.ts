/** Prints the README table of a results file: npx tsx scripts/bench/table.ts test/bench/results/<label>.json */
import { readFileSync } from 'node:fs';
import { readmeTable, type BenchResults } from './report.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/bench/table.ts <results.json>');
  process.exit(2);
}
console.log(readmeTable(JSON.parse(readFileSync(file, 'utf8')) as BenchResults));
