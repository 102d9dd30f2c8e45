/**
 * The ingest: plan annexes and monthly returns → a dataset directory (projects/monthly/problems
 * Parquet, districts.geojson, meta.json, ingest-report.json/.txt), written atomically and only
 * when every row is valid (or --skip-invalid), holding the dataset's lock from reading the
 * existing dataset to writing the new one.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { TABLES, type Phase, type ProjectLevel, type Sector } from '../../src/lib/schema.ts';
import { TABLE_ORDER } from '../lib/facts-files.ts';
import { finishDataset } from '../lib/finish-dataset.ts';
import { withDatasetLock } from '../lib/dataset-lock.ts';
import { asPathError } from '../lib/fs-errors.ts';
import { openDuckDB, writeDirectoryAtomically, writeTableParquet, type Row } from '../lib/dataset-writer.ts';
import { readDatasetDir } from './dataset-io.ts';
import { buildMeta, ingestPreset } from './dataset-meta.ts';
import { readDistrictsFile } from './districts-file.ts';
import { detectLayout } from './detect-layout.ts';
import { InputError, UsageError } from './errors.ts';
import { checkOutput, updateIndex, writeReportFile } from './ingest-output.ts';
import type { Datum } from './header-map.ts';
import type { Issue, Warning } from './issues.ts';
import { mergeMonthly, readMonthlySheet, type MonthlyReturn } from './monthly-returns.ts';
import type { AmountUnit } from './parse-amount.ts';
import { monthEnd } from './parse-date.ts';
import { DistrictIndex } from './parse-places.ts';
import { readPlanSheet, type Draft, type ReconUnit } from './plan-sheet.ts';
import { readWorkbook, type Encoding } from './read-workbook.ts';
import { describeYears, planYears } from './plan-years.ts';
import { reconcile } from './reconcile.ts';
import { summaryText, type IngestReport, type SheetSummary } from './report.ts';
import { settleDrafts } from './settle-drafts.ts';

export interface IngestOptions {
  files: string[];
  dataset: string;
  out?: string;
  districts?: string;
  zones?: string;
  /** A rule preset (JSON, src/lib/rules/preset-schema.ts) for meta.json; default the existing dataset's, else the default rules. */
  preset?: string;
  name?: string;
  nameEn?: string;
  /** The plan's year (meta.year); default from the sheets (plan-years.ts). */
  year?: number;
  /** Every year of a programme of several (--year 2021-2023); default [year]. */
  years?: number[];
  asOf?: string;
  level?: ProjectLevel;
  phase?: Phase;
  sector?: Sector;
  datum?: Datum;
  encoding?: Encoding;
  sheets?: string[];
  unit?: AmountUnit;
  jurisdiction?: string;
  adminCode?: string;
  skipInvalid?: boolean;
  /** Warnings are errors: any warning fails the ingest and nothing is written. */
  strict?: boolean;
  /** Validate and report only; never write. */
  check?: boolean;
  /** Rebuild <parent of out>/index.json (the app's dataset list); default: only when --out is not given. */
  index?: boolean;
  /** Also write the report JSON here (useful when the ingest fails and writes nothing). */
  reportFile?: string;
  /** Project root for default paths (static/data/<id>, data/boundaries). */
  root?: string;
  /** Told when a stale lock is taken over or what a killed run left is cleaned up; default console.warn. */
  warn?: (message: string) => void;
}

export interface IngestResult {
  ok: boolean;
  written: boolean;
  outDir: string;
  report: IngestReport;
  summary: string;
}

async function loadJSON<T>(file: string, what: string): Promise<T> {
  let text;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw asPathError(err, { path: file, action: 'read', subject: what });
  }
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    throw new InputError(file, `cannot read ${what}: ${(err as Error).message}`);
  }
}

function resolveDistrictsFile(opts: IngestOptions, outDir: string, root: string): string {
  if (opts.districts) return opts.districts;
  const own = path.join(outDir, 'districts.geojson');
  if (existsSync(own)) return own;
  const city = path.join(root, 'data', 'boundaries', `${opts.dataset.split('-')[0]}.geojson`);
  if (existsSync(city)) return city;
  throw new UsageError(`no district boundaries: pass --districts <file.geojson> (looked for ${own} and ${city})`);
}

export async function runIngest(opts: IngestOptions): Promise<IngestResult> {
  const root = opts.root ?? process.cwd();
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(opts.dataset))
    throw new UsageError(`dataset id "${opts.dataset}" must be letters, digits, '-', '_' or '.'`);
  if (!opts.files.length) throw new UsageError('no input files');
  const outDir = path.resolve(root, opts.out ?? path.join('static', 'data', opts.dataset));
  if (opts.check) return ingestInto(opts, root, outDir);
  checkOutput(outDir, opts);
  const warn = opts.warn ?? ((m: string) => console.warn(`warning: ${m}`));
  return withDatasetLock(outDir, { tool: 'ingest', warn }, () => ingestInto(opts, root, outDir));
}

async function ingestInto(opts: IngestOptions, root: string, outDir: string): Promise<IngestResult> {
  const districtsFile = resolveDistrictsFile(opts, outDir, root);
  const districtsFC = await readDistrictsFile(districtsFile);
  const zones = opts.zones ? await loadJSON<Record<string, string>>(opts.zones, 'zone table') : {};
  let index: DistrictIndex;
  try {
    index = DistrictIndex.fromGeoJSON(districtsFC, zones);
  } catch (err) {
    throw new InputError(opts.zones && /zone table/.test((err as Error).message) ? opts.zones : districtsFile, (err as Error).message);
  }
  const existing = await readDatasetDir(outDir);
  // Checked before any sheet is read: a preset that does not fit the schema stops the ingest, its key named.
  const preset = ingestPreset(
    opts.preset ? { file: opts.preset, value: await loadJSON<unknown>(opts.preset, 'rule preset') } : null,
    existing.meta,
    outDir
  );
  const jurisdiction =
    opts.jurisdiction ?? existing.meta?.jurisdiction.zh ?? /^(.{2,}?(?:市|自治县|县|自治州|盟))/.exec(opts.name ?? '')?.[1] ?? opts.dataset;

  const drafts: Draft[] = [];
  const units: ReconUnit[] = [];
  const returns: MonthlyReturn[] = [];
  const issues: Issue[] = [];
  const warnings: Warning[] = [];
  const defaults = new Set<string>();
  const files: IngestReport['files'] = [];
  const pending: { file: string; sheet: Parameters<typeof readPlanSheet>[1]; layout: NonNullable<ReturnType<typeof detectLayout>> }[] = [];

  // read everything first: a corrupt or empty file fails before any row is looked at
  for (const file of opts.files) {
    const wb = await readWorkbook(file, { encoding: opts.encoding });
    const label = path.basename(file);
    let sheets = wb.sheets;
    if (opts.sheets?.length) {
      sheets = sheets.filter((s) => opts.sheets!.includes(s.name));
      if (!sheets.length)
        throw new InputError(
          file,
          `no sheet named ${opts.sheets.map((s) => `"${s}"`).join(', ')}; its sheets are ${wb.sheets.map((s) => `"${s.name}"`).join(', ')}`
        );
    }
    const summaries: SheetSummary[] = [];
    for (const sheet of sheets) {
      const layout = detectLayout(sheet, { unit: opts.unit });
      if (!layout) {
        summaries.push({ name: sheet.name, mode: 'skipped' });
        continue;
      }
      pending.push({ file: label, sheet, layout });
      summaries.push({
        name: sheet.name,
        mode: layout.mode,
        header_row: layout.headerRow + 1,
        header_rows: layout.headerRows,
        unit: layout.unit,
        year: layout.year,
        ignored_columns: layout.ignored.map((c) => `${c.letter} ${c.header}`)
      });
      for (const d of layout.duplicates)
        warnings.push({
          file: label,
          sheet: sheet.name,
          column: d.letter,
          header: d.header,
          message: `a second ${d.meaning?.field} column; the first one is used`
        });
      if (opts.unit && /单位/.test(layout.title ?? '') === false)
        defaults.add(`amounts: unit ${opts.unit} (--unit) where the sheet declares none`);
    }
    if (summaries.every((s) => s.mode === 'skipped')) {
      throw new InputError(
        file,
        `no sheet has a project table (a header row with 项目名称 and 总投资 / 年度计划投资 / 县区, or a monthly return with 月份 / 本月完成); sheets: ${wb.sheets.map((s) => `"${s.name}"`).join(', ')}`
      );
    }
    files.push({ file: label, format: wb.format, sheets: summaries });
  }
  const plan = planYears(
    opts.year === undefined ? undefined : { year: opts.year, years: opts.years ?? [opts.year] },
    pending.map((p) => p.layout),
    existing.meta
  );
  if (!plan) throw new UsageError('cannot tell the plan year (no header like "2022年计划投资" and no year in the title): pass --year');

  const level = opts.level ?? 'city';
  for (const { file, sheet, layout } of pending) {
    const summary = files.find((f) => f.file === file)!.sheets.find((s) => s.name === sheet.name)!;
    if (layout.mode === 'plan') {
      const res = readPlanSheet(file, sheet, layout, {
        districts: index,
        datum: opts.datum,
        level,
        phase: opts.phase,
        sector: opts.sector,
        jurisdiction,
        unit: opts.unit
      });
      drafts.push(...res.drafts);
      units.push(...res.units);
      issues.push(...res.issues);
      warnings.push(...res.warnings);
      res.defaultsUsed.forEach((d) => defaults.add(d));
      Object.assign(summary, { rows: res.drafts.length, sections: res.counts.sections, subtotal_rows: res.counts.totals });
    } else {
      const res = readMonthlySheet(file, sheet, layout, plan);
      returns.push(...res.returns);
      issues.push(...res.issues);
      warnings.push(...res.warnings);
      Object.assign(summary, { rows: new Set(res.returns.map((r) => r.src.row)).size });
    }
  }

  issues.push(...settleDrafts(drafts, defaults));

  const hasPlan = pending.some((p) => p.layout.mode === 'plan');
  let projects: Row[];
  if (hasPlan) projects = drafts.filter((d) => !d.invalid).map((d) => d.project);
  else if (existing.projects) projects = existing.projects;
  else throw new UsageError(`only monthly returns were given, but ${outDir} has no projects.parquet: ingest the plan first`);

  // rows an earlier ingest let in from outside the plan's years would keep moving as_of
  const earlier = (existing.monthly ?? []).filter((r) => plan.years.includes(Number(String(r.month).slice(0, 4))));
  const dropped = [...new Set((existing.monthly ?? []).filter((r) => !earlier.includes(r)).map((r) => String(r.month).slice(0, 7)))];
  if (dropped.length)
    warnings.push({
      message: `the dataset's earlier monthly rows for ${dropped.sort().join(', ')} fall outside the plan's years ${describeYears(plan.years)} and are dropped`
    });
  const merged = mergeMonthly(returns, projects, earlier);
  issues.push(...merged.issues);
  warnings.push(...merged.warnings);
  merged.defaultsUsed.forEach((d) => defaults.add(d));
  const projectIds = new Set(projects.map((p) => String(p.id)));
  const problems = (existing.problems ?? []).filter((p) => projectIds.has(String(p.project_id)));
  const recon = reconcile(units, drafts);

  // as_of: --as-of, else the end of the latest reported month, else the day before the plan year
  const lastMonth = merged.rows
    .map((r) => String(r.month))
    .sort()
    .at(-1);
  let asOf = opts.asOf ?? (lastMonth ? monthEnd(lastMonth) : undefined) ?? existing.meta?.as_of;
  if (!asOf) {
    asOf = `${plan.years[0] - 1}-12-31`;
    defaults.add(`meta.as_of: ${asOf} (no monthly returns and no --as-of: nothing reported yet)`);
  }
  issues.sort((a, b) => a.file.localeCompare(b.file) || a.sheet.localeCompare(b.sheet) || a.row - b.row);
  for (const f of files) {
    for (const s of f.sheets) {
      if (s.mode === 'plan') s.imported = drafts.filter((d) => d.src.file === f.file && d.src.sheet === s.name && !d.invalid).length;
      if (s.mode === 'monthly')
        s.imported =
          merged.rows.length &&
          returns.filter(
            (r) => r.src.file === f.file && r.src.sheet === s.name && !issues.some((i) => i.sheet === s.name && i.row === r.src.row)
          ).length;
    }
  }
  const invalidRows = new Set(issues.map((i) => `${i.file}|${i.sheet}|${i.row}`)).size;
  // nothing is written when no project is left (never what was meant: an empty map for the
  // leadership meeting), nor under --strict once anything was warned about
  const fatal =
    hasPlan && projects.length === 0
      ? drafts.length
        ? `no project can be imported: all ${drafts.length} project rows are invalid (listed above); fix them and ingest again`
        : `no project rows: the plan sheets hold headers but no project below them (${pending
            .filter((p) => p.layout.mode === 'plan')
            .map((p) => `${p.file} sheet "${p.sheet.name}"`)
            .join(', ')}); fill in the projects or give the right file`
      : opts.strict && warnings.length
        ? `--strict: the ${warnings.length} warning${warnings.length > 1 ? 's' : ''} below count as errors; fix them, or ingest without --strict`
        : undefined;
  const ok = issues.length === 0 && !fatal;
  const write = !opts.check && !fatal && (ok || !!opts.skipInvalid);
  const defaultsList = [...defaults].sort();
  const report: IngestReport = {
    dataset: opts.dataset,
    out: path.relative(root, outDir) || '.',
    ok,
    written: write,
    skip_invalid: !!opts.skipInvalid,
    strict: !!opts.strict,
    ...(fatal ? { error: fatal } : {}),
    plan_years: plan.years,
    files,
    counts: {
      project_rows: drafts.length,
      projects_imported: hasPlan ? projects.length : 0,
      invalid_rows: invalidRows,
      monthly_rows: returns.length,
      monthly_matched: merged.matched,
      monthly_rows_written: merged.rows.length
    },
    invalid: issues,
    warnings,
    reconciliation: recon,
    defaults: defaultsList
  };
  const summary = summaryText(report);
  if (opts.reportFile) await writeReportFile(opts.reportFile, report);
  if (!write) return { ok, written: false, outDir, report, summary };

  const meta = buildMeta({
    dataset: opts.dataset,
    name: opts.name,
    nameEn: opts.nameEn,
    adminCode: opts.adminCode,
    jurisdiction,
    firstDistrictCode: index.districts[0]?.code,
    plan,
    asOf,
    files: opts.files,
    hasPlan,
    base: existing.meta,
    preset,
    recon,
    defaults: defaultsList,
    boundariesSource: path.relative(root, districtsFile)
  });
  const conn = await openDuckDB();
  try {
    await writeDirectoryAtomically(outDir, async (tmp) => {
      await writeTableParquet(conn, 'projects', projects, path.join(tmp, TABLES.projects.file), TABLE_ORDER.projects);
      await writeTableParquet(conn, 'monthly', merged.rows, path.join(tmp, TABLES.monthly.file), TABLE_ORDER.monthly);
      await writeTableParquet(conn, 'problems', problems, path.join(tmp, TABLES.problems.file), TABLE_ORDER.problems);
      await writeFile(path.join(tmp, 'districts.geojson'), JSON.stringify(districtsFC));
      await finishDataset(conn, tmp, meta);
      await writeFile(path.join(tmp, 'ingest-report.json'), JSON.stringify(report, null, 2) + '\n');
      await writeFile(path.join(tmp, 'ingest-report.txt'), summary);
    });
  } finally {
    conn.closeSync();
  }
  if (opts.index ?? !opts.out) await updateIndex(outDir);
  return { ok, written: true, outDir, report, summary };
}
