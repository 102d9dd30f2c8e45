/**
 * Run by tsx from escalation.spec.ts (Playwright's loader cannot import the holiday calendar's
 * JSON): reads `{ preset, day, problems }` on stdin and writes each problem's ladder state as
 * rules/escalation.ts gives it, by id.
 */
import { readFileSync } from 'node:fs';
import { ladderAt, type LadderProblem } from '../../src/lib/rules/escalation.ts';
import { PLAN_PRESETS } from '../../src/lib/rules/presets/index.ts';

const input = JSON.parse(readFileSync(0, 'utf8')) as { preset: string; day: string; problems: (LadderProblem & { id: string })[] };
const steps = PLAN_PRESETS.find((p) => p.id === input.preset)!.escalation!.steps;
process.stdout.write(JSON.stringify(Object.fromEntries(input.problems.map((p) => [p.id, ladderAt(steps, p, input.day)]))));
