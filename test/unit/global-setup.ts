import { parseArgs, run } from '../../scripts/generate/cli.ts';

/** Tests read the demo datasets: generate any that a fresh checkout lacks (seeded, ~2 s). */
export default async function setup(): Promise<void> {
  await run(parseArgs([]), () => undefined);
}
