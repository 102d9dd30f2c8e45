/**
 * Exports of query results as CSV, XLSX or Parquet, made off the page's main thread. Any view or
 * page can use it (the data page's table; an SQL console's results):
 *
 *   import { exportTable, coreExportSource, saveFile } from '$lib/export';
 *   const controller = new AbortController();
 *   const file = await exportTable(
 *     {
 *       source: coreExportSource(ws.core),      // or duckdbExportSource(db): any duckdb-wasm database
 *       query,                                   // SQL text or a mosaic-sql query, ORDER BY included
 *       columns: [                               // one per result column, in order, named by its alias
 *         { id: 'name', label: '项目名称', kind: 'text' },
 *         { id: 'total_investment', label: '总投资（万元）', kind: 'money', definition: '…' }
 *       ],
 *       about: { dataset: { id, name }, month: '2022-09', filters: ['项目类型：新开工项目'],
 *                filterSummary: '新开工项目', order: '总投资（万元）降序', locale: 'zh-CN' },
 *       format: 'xlsx'                           // 'csv' | 'xlsx' | 'parquet'
 *     },
 *     { signal: controller.signal, onProgress: (done, total) => … }
 *   );
 *   saveFile(file);                              // the browser's download: <dataset>_<month>_<filters>.xlsx
 *
 * What each format holds (the rows, columns and order of the query, nothing else):
 * - CSV: UTF-8 with a BOM (Excel and WPS read Chinese correctly), CRLF, RFC 4180 quoting; money
 *   (kind `money`, DECIMAL of 万元) as its exact decimal text, dates as YYYY-MM-DD.
 * - XLSX (SheetJS): money as numbers in `#,##0.00`, shares (`percent`) as numbers in `0.0%`,
 *   dates as dates; header row frozen, with a filter; a second sheet with the dataset, month,
 *   filters, order, units and the definitions of the columns that have one. At most
 *   XLSX_MAX_ROWS rows (ExportRefused beyond).
 * - Parquet (parquet-wasm, zstd): Arrow's types kept (money DECIMAL(18,2)), values unchanged.
 * In CSV and XLSX a text cell beginning with = + - @, a tab or a carriage return gets a leading
 * apostrophe (neutralise.ts), so no export can run a formula; numbers are never changed.
 *
 * Progress is told after each window of rows; aborting the signal stops between windows and
 * rejects with the signal's reason; nothing is saved unless the file is whole.
 */
export { exportTable, ExportRefused, WINDOW_ROWS, type ExportOptions, type ExportRequest } from './run.ts';
export { coreExportSource, duckdbExportSource } from './source.ts';
export { exportFileName } from './file-name.ts';
export { neutralise } from './neutralise.ts';
export { XLSX_MAX_ROWS } from './xlsx.ts';
export { saveFile } from './save.ts';
export {
  EXPORT_FORMATS,
  type ColumnKind,
  type ExportAbout,
  type ExportColumn,
  type ExportFile,
  type ExportFormat,
  type ExportSource
} from './types.ts';
