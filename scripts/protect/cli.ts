/**
 * npm run protect: encrypts the dataset files of a finished build into a protected build.
 *
 *   CMAP_PASSPHRASE_FILE=/secure/passphrases.txt npm run protect        (build/ → build-protected/)
 *   npm run protect -- --from build --to build-protected --passphrase-file /secure/passphrases.txt
 *
 * Passphrases come from a file (one per line, one per audience) or CMAP_PASSPHRASE, never from
 * an option: a command line is kept in shell histories and shown to every user of the machine.
 */
import { parseArgs as parseNodeArgs } from 'node:util';
import { MIN_ITERATIONS } from '../../src/lib/protect/keys.ts';
import { protectBuild } from './protect-build.ts';
import { readPassphrases } from './passphrases.ts';

const HELP = `npm run protect -- [--from build] [--to build-protected] [--passphrase-file FILE] [--iterations N]

Encrypts every dataset file of a finished build (data/index.json and data/<dataset>/…) with
AES-256-GCM under a random data key, wrapped once for each passphrase (PBKDF2-SHA-256, at least
${MIN_ITERATIONS} iterations). Passphrases: one per line in --passphrase-file or CMAP_PASSPHRASE_FILE
(lines starting with # are skipped), or one in CMAP_PASSPHRASE.`;

export interface ProtectCli {
  from: string;
  to: string;
  passphraseFile?: string;
  iterations: number;
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ProtectCli | 'help' {
  const { values } = parseNodeArgs({
    args: argv,
    options: {
      from: { type: 'string', default: 'build' },
      to: { type: 'string', default: 'build-protected' },
      'passphrase-file': { type: 'string' },
      iterations: { type: 'string', default: String(MIN_ITERATIONS) },
      help: { type: 'boolean', default: false }
    },
    strict: true
  });
  if (values.help) return 'help';
  const iterations = Number(values.iterations);
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS)
    throw new Error(`--iterations must be a whole number ≥ ${MIN_ITERATIONS}`);
  if (values.from === values.to) throw new Error('--to must differ from --from: the plain build is kept');
  return { from: values.from, to: values.to, passphraseFile: values['passphrase-file'] ?? env.CMAP_PASSPHRASE_FILE, iterations };
}

async function main(): Promise<void> {
  let cli: ProtectCli | 'help';
  let passphrases: string[];
  try {
    cli = parseArgs(process.argv.slice(2));
    if (cli === 'help') {
      console.log(HELP);
      return;
    }
    passphrases = readPassphrases({ file: cli.passphraseFile, single: process.env.CMAP_PASSPHRASE });
  } catch (err) {
    console.error(`protect: ${err instanceof Error ? err.message : String(err)}\n\n${HELP}`);
    process.exit(2);
  }
  const started = Date.now();
  try {
    const report = await protectBuild({ from: cli.from, to: cli.to, passphrases, iterations: cli.iterations });
    console.log(
      `protect: ${report.encrypted.length} data files encrypted for ${passphrases.length} passphrase(s) into ${cli.to}/ in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
    if (report.dropped.length > 0)
      console.log(`protect: left out ${report.dropped.length} precompressed copies of data files (${report.dropped.join(', ')})`);
  } catch (err) {
    console.error(`protect: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
