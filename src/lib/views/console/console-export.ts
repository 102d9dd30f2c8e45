/**
 * The export of a console result, through the app's exports (src/lib/export): the query that ran
 * is run again into a table of the console connection's own database, with the views as they were
 * made for that run, and written as CSV, XLSX or Parquet off the main thread. Its columns are named
 * as DuckDB names the table's (a result with two columns alike gets "id" and "id_1").
 */
import { ConsoleSqlError, type ConsoleRunner } from '$lib/console/runner.ts';
import { ExportRefused, exportTable, saveFile, type ColumnKind, type ExportFormat, type ExportSource } from '$lib/export/index.ts';
import { formatNumber } from '$lib/i18n/format.ts';
import { i18n } from '$lib/i18n/locale.svelte.ts';
import type { Message } from '$lib/i18n/translate.ts';
import { activeDimensions } from '$lib/state/dimensions.ts';
import { filterSummary } from '$lib/views/value-labels.ts';
import type { Workspace } from '$lib/workspace/workspace.svelte.ts';
import type { ConsoleResult } from './console-session.svelte.ts';

export interface ExportState {
  format: ExportFormat;
  busy: boolean;
  done: number;
  total: number;
  /** What became of it, once it is over. */
  message: Message | null;
}

/** How a column of DuckDB type `type` is written (export/types.ts). */
export function columnKind(type: string): ColumnKind {
  const decimal = /^DECIMAL\(\d+,(\d+)\)$/.exec(type);
  if (decimal) return decimal[1] === '2' ? 'money' : 'number';
  if (/^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|DOUBLE|FLOAT|REAL)$/.test(type)) return 'number';
  if (/^(DATE|TIMESTAMP.*)$/.test(type)) return 'date';
  return 'text';
}

interface ExportJob {
  ws: Workspace;
  runner: ConsoleRunner;
  result: ConsoleResult;
  format: ExportFormat;
  signal: AbortSignal;
  update(state: ExportState | null): void;
}

export async function exportResult({ ws, runner, result, format, signal, update }: ExportJob): Promise<void> {
  const state = (s: Partial<ExportState>) => ({ format, busy: true, done: 0, total: result.run.rowCount, message: null, ...s });
  update(state({}));
  try {
    const described = await runner.describe(result.sql, result.sources);
    const columns = described.map((c) => ({ id: c.name, label: c.name, kind: columnKind(c.type) }));
    const source: ExportSource = {
      exec: (sql) => runner.exec(sql, result.sources),
      ipc: (sql) => runner.exec(sql)
    };
    const locale = i18n.locale;
    const filters = activeDimensions(result.filters).map((d) => filterSummary(d, result.filters[d], locale, ws.districtNames));
    const name = locale === 'en' ? ws.dataset.meta.name.en : ws.dataset.meta.name.zh;
    const file = await exportTable(
      {
        source,
        query: `SELECT * FROM (${result.sql})`,
        columns,
        about: { dataset: { id: ws.datasetId, name }, month: result.month, filters, filterSummary: 'SQL', locale },
        format
      },
      { signal, onProgress: (done, total) => update(state({ done, total })) }
    );
    saveFile(file);
    update(
      state({
        busy: false,
        done: file.rows,
        total: file.rows,
        message: { key: 'console.export.done', params: { rows: formatNumber(file.rows), file: file.name } }
      })
    );
  } catch (err) {
    if (signal.aborted) return update(null);
    const detail = err instanceof ConsoleSqlError ? err.error.message : err instanceof Error ? err.message : String(err);
    const message: Message =
      err instanceof ExportRefused
        ? { key: 'console.export.tooMany', params: { limit: formatNumber(err.limit) } }
        : { key: 'console.export.failed', params: { detail } };
    update(state({ busy: false, message }));
  }
}
