/** What an export is made of: its columns, what it describes, and its format. */
import type { Locale } from '../i18n/format.ts';

/**
 * How a column's values are written. `money`: 万元 as exact decimals (DECIMAL(18,2) in DuckDB);
 * `percent`: a 0–1 share; `number`: any other number; `date`: a calendar date; `text`: anything
 * else, neutralised against formula injection.
 */
export type ColumnKind = 'text' | 'money' | 'number' | 'percent' | 'date';

export interface ExportColumn {
  /** The result's column name (the SQL alias). */
  id: string;
  /** The header as the reader sees it; a money column's says 万元. */
  label: string;
  kind: ColumnKind;
  /** What the figure means, for the XLSX's second sheet (metric definitions). */
  definition?: string;
}

export const EXPORT_FORMATS = ['csv', 'xlsx', 'parquet'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the exported rows are, so a figure taken from the file can be cited. */
export interface ExportAbout {
  dataset: { id: string; name: string };
  /** 'YYYY-MM': the month the figures are as at. */
  month: string;
  /** Each active filter in words ("项目类型：新开工项目"); none for every project. */
  filters: string[];
  /** The filters in a few words for the file name ("新开工项目"); '' for none. */
  filterSummary: string;
  /** The order in words ("总投资（万元）降序"). */
  order?: string;
  locale: Locale;
  /** When the file was made (ISO 8601); now when absent. */
  exportedAt?: string;
}

/** A finished export, ready to save. */
export interface ExportFile {
  blob: Blob;
  name: string;
  rows: number;
}

/** Where the rows come from: a DuckDB database (export/source.ts). */
export interface ExportSource {
  /** Runs a statement (queued behind the page's loads where the source has a queue). */
  exec(sql: string): Promise<unknown>;
  /** Runs a query and returns its result as Arrow IPC stream bytes. */
  ipc(sql: string): Promise<Uint8Array>;
}
