/**
 * npm run ingest -- <files...> --dataset <id> [options]
 * npm run ingest -- --template [out.xlsx]
 * npm run ingest -- --export <datasetDir> <out.xlsx>
 *
 * Exit codes: 0 ok, 1 invalid rows (nothing written unless --skip-invalid), 2 usage error,
 * unreadable input or an output that cannot be written (nothing written). See scripts/ingest/README.md.
 */
import { parseArgs } from 'node:util';
import { LEVELS, PHASES, SECTORS, type Phase, type ProjectLevel, type Sector } from '../../src/lib/schema.ts';
import { asPathError, explainFsError } from '../lib/fs-errors.ts';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE, InputError, UsageError } from './errors.ts';
import { exportDataset } from './export.ts';
import type { Datum } from './header-map.ts';
import { runIngest } from './ingest.ts';
import { parseYearOption } from './plan-years.ts';
import type { AmountUnit } from './parse-amount.ts';
import type { Encoding } from './read-workbook.ts';
import { writeTemplate } from './template.ts';

export const USAGE = `Usage:
  npm run ingest -- <files...> --dataset <id> [options]   plan annexes (.xlsx .xls .et .csv) and monthly returns
  npm run ingest -- --template [out.xlsx]                 a blank plan + monthly return workbook for districts
  npm run ingest -- --export <datasetDir> <out.xlsx>      a dataset back to a spreadsheet in the annex layout

Options:
  --dataset <id>        dataset id; writes static/data/<id>/ unless --out
  --out <dir>           output directory: new, empty, or a dataset's (anything else is refused);
                        locked while written (<dir>.lock)
  --districts <file>    boundaries GeoJSON (properties code, name, label); default <out>/districts.geojson,
                        else data/boundaries/<city>.geojson (city = dataset id before the first '-')
  --zones <file.json>   development zones to districts, e.g. {"柳东新区": "450206"}
  --preset <file.json>  the plan's rule preset (src/lib/rules/preset-schema.ts; see static/config/presets.example.json);
                        default the existing dataset's, else the default rules. Checked: an invalid one stops
                        the ingest (exit 2) with each wrong key named
  --name <zh> --name-en <en>  dataset name for meta.json
  --year <yyyy|yyyy-yyyy>  plan year, or the years of a programme of several (default: from the annual-plan
                        headers such as "2022年计划投资", else the title); monthly returns must fall in them
  --as-of <yyyy-mm-dd>  as-of date (default: end of the latest monthly return)
  --level <provincial|city|county>  level where the sheet has no 级别 column (default city)
  --phase <preparatory|new|continuing|completion>  phase where no column, section or sheet name says it
  --sector <infrastructure|industry|livelihood|ecology>  sector where no column or section says it
  --datum <wgs84|gcj02|bd09>  datum of coordinate columns that do not declare one (default wgs84, with a warning)
  --unit <万元|亿元>      amount unit where the sheet has no "单位：…" row (default 万元)
  --encoding <utf-8|gb18030|utf-16le|utf-16be>  CSV encoding (default: UTF-16 with its byte-order mark,
                        else UTF-8 if valid, else GB18030)
  --sheet <name>        read only this sheet (repeatable)
  --jurisdiction <zh> --admin-code <code>  for meta.json and the jurisdiction column
  --skip-invalid        write the valid rows and the report even when some rows are invalid
  --strict              warnings are errors: any warning fails the ingest (exit 1, nothing written)
  --check               validate and report only, write nothing
  --report <file.json>  also write the report here (also when the ingest fails)
  --index / --no-index  rebuild <out>/../index.json, the app's dataset list (default: only without --out)
  --quiet               print only errors
Exit codes: 0 ok, 1 invalid rows, 2 usage error, unreadable file, or an output that cannot be
written (not a dataset folder, locked by another run, no permission, disk full).`;

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        dataset: { type: 'string' },
        out: { type: 'string' },
        districts: { type: 'string' },
        zones: { type: 'string' },
        preset: { type: 'string' },
        name: { type: 'string' },
        'name-en': { type: 'string' },
        year: { type: 'string' },
        'as-of': { type: 'string' },
        level: { type: 'string' },
        phase: { type: 'string' },
        sector: { type: 'string' },
        datum: { type: 'string' },
        unit: { type: 'string' },
        encoding: { type: 'string' },
        sheet: { type: 'string', multiple: true },
        jurisdiction: { type: 'string' },
        'admin-code': { type: 'string' },
        'skip-invalid': { type: 'boolean' },
        strict: { type: 'boolean' },
        check: { type: 'boolean' },
        report: { type: 'string' },
        quiet: { type: 'boolean' },
        index: { type: 'boolean' },
        'no-index': { type: 'boolean' },
        template: { type: 'boolean' },
        export: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' }
      }
    });
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const v = args.values;
  const log = (s: string) => {
    if (!v.quiet) process.stdout.write(s.endsWith('\n') ? s : s + '\n');
  };
  try {
    if (v.help) {
      log(USAGE);
      return EXIT_OK;
    }
    if (v.template) {
      const out = args.positionals[0] ?? 'ingest-template.xlsx';
      await writeTemplate(out, { year: v.year ? parseYearOption(v.year)?.year : undefined }).catch((err) => {
        throw asPathError(err, { path: out, action: 'write', subject: 'the template' });
      });
      log(`template written: ${out}`);
      return EXIT_OK;
    }
    if (v.export) {
      const [dir, out] = args.positionals;
      if (!dir || !out) throw new UsageError('--export needs <datasetDir> <out.xlsx>');
      const n = await exportDataset(dir, out);
      log(`exported ${n} projects from ${dir} to ${out}`);
      return EXIT_OK;
    }
    if (!v.dataset) throw new UsageError('--dataset <id> is required');
    if (!args.positionals.length) throw new UsageError('no input files');
    const plan = v.year === undefined ? undefined : parseYearOption(v.year);
    if (plan === null) throw new UsageError(`--year must be a year or a range of years such as 2021-2023 (got "${v.year}")`);
    if (v['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v['as-of'])) throw new UsageError('--as-of must be YYYY-MM-DD');
    const result = await runIngest({
      files: args.positionals,
      dataset: v.dataset,
      out: v.out,
      districts: v.districts,
      zones: v.zones,
      preset: v.preset,
      name: v.name,
      nameEn: v['name-en'],
      year: plan?.year,
      years: plan?.years,
      asOf: v['as-of'],
      level: oneOf<ProjectLevel>('level', v.level, LEVELS),
      phase: oneOf<Phase>('phase', v.phase, PHASES),
      sector: oneOf<Sector>('sector', v.sector, SECTORS),
      datum: oneOf<Datum>('datum', v.datum, ['wgs84', 'gcj02', 'bd09']),
      unit: oneOf<AmountUnit>('unit', v.unit, ['万元', '亿元']),
      encoding: oneOf<Encoding>('encoding', v.encoding?.toLowerCase(), ['utf-8', 'gb18030', 'utf-16le', 'utf-16be']),
      sheets: v.sheet,
      jurisdiction: v.jurisdiction,
      adminCode: v['admin-code'],
      skipInvalid: v['skip-invalid'],
      strict: v.strict,
      check: v.check,
      reportFile: v.report,
      index: v['no-index'] ? false : v.index ? true : undefined,
      warn: (m) => {
        if (!v.quiet) console.warn(`warning: ${m}`);
      }
    });
    if (result.ok) log(result.summary);
    else if (v.quiet)
      process.stderr.write(
        `${result.report.error ? `${result.report.error}; ` : ''}${result.report.counts.invalid_rows} invalid rows; ${result.written ? 'valid rows written' : 'nothing written'}\n`
      );
    else process.stderr.write(result.summary);
    return result.ok ? EXIT_OK : EXIT_INVALID;
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`error: ${err.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    if (err instanceof InputError) {
      console.error(`error: ${err.message}\nNothing was written.`);
      return EXIT_USAGE;
    }
    const problem = explainFsError(err);
    if (problem) {
      console.error(`error: ${problem.message}${problem.nothingWritten ? '\nNothing was written.' : ''}`);
      return EXIT_USAGE;
    }
    console.error(unexpected(err, argv, !!process.env.INGEST_DEBUG));
    return EXIT_USAGE;
  }
}

/** An error the ingest did not expect: one line and a request to report it; the stack only with INGEST_DEBUG=1. */
export function unexpected(err: unknown, argv: string[], debug: boolean): string {
  const first = (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).split('\n')[0];
  const lines = [`error: ${first}`, `This is a bug in the ingest; please report it with the command: npm run ingest -- ${argv.join(' ')}`];
  if (debug && err instanceof Error && err.stack) lines.push(err.stack);
  else lines.push('(INGEST_DEBUG=1 shows where it happened)');
  return lines.join('\n');
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isMain) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(unexpected(err, process.argv.slice(2), !!process.env.INGEST_DEBUG));
      process.exit(EXIT_USAGE);
    }
  );
}
