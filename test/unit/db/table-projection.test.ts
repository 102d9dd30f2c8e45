/**
 * A projection of a source table (schema.ts TABLE_PROJECTIONS) is read from its table's file with
 * only its own columns decoded, and goes into the database under its own name; the table whole
 * still reads every column; a public dataset's projection leaves out the internal ones, which it has as NULL columns.
 */
import { describe, expect, it } from 'vitest';
import { sourceTableLoader } from '../../../src/lib/db/month-facts.ts';
import type { DataSource } from '../../../src/lib/db/data-source.ts';
import type { AsyncDuckDB } from '../../../src/lib/db/duckdb.ts';
import { PROJECT_COLUMNS, TABLE_PROJECTIONS } from '../../../src/lib/schema.ts';

function harness(isPublic = false) {
  const reads: { file: string; columns: string[] | undefined; required: string[] }[] = [];
  const statements: string[] = [];
  const inserted: string[] = [];
  const conn = {
    query: async (s: string) => void statements.push(s),
    insertArrowFromIPCStream: async (_ipc: Uint8Array, o: { name: string }) => void inserted.push(o.name),
    close: async () => undefined
  };
  const db = { connect: async () => conn } as unknown as AsyncDuckDB;
  const source = {
    parquet: async (file: string, read: { columns?: string[]; required: { name: string }[]; onChunk?: (ipc: Uint8Array) => unknown }) => {
      reads.push({ file, columns: read.columns, required: read.required.map((c) => c.name) });
      await read.onChunk?.(new Uint8Array(1));
      return null;
    }
  } as unknown as DataSource;
  const load = sourceTableLoader(db, source, (f) => `data/x/${f}`, isPublic);
  return { load, reads, statements, inserted };
}

describe('a projection of a source table', () => {
  it('reads only its columns from the table’s file and is put under its own name', async () => {
    const h = harness();
    await h.load('project_dates');
    expect(h.reads).toEqual([
      {
        file: 'data/x/projects.parquet',
        columns: [...TABLE_PROJECTIONS.project_dates.columns],
        required: [...TABLE_PROJECTIONS.project_dates.columns]
      }
    ]);
    expect(h.inserted).toEqual(['project_dates_loading']);
    expect(h.statements).toContain('ALTER TABLE project_dates_loading RENAME TO project_dates');
  });

  it('leaves the table whole as it was, and a public dataset’s internal columns out', async () => {
    const whole = harness();
    await whole.load('projects');
    expect(whole.reads[0].columns).toEqual(PROJECT_COLUMNS.map((c) => c.name));
    const pub = harness(true);
    await pub.load('project_dates');
    expect(pub.reads[0].columns).toEqual(['id', 'planned_start', 'planned_completion']);
    // The internal columns there, empty: the chart's SQL is the same for both.
    expect(pub.statements.filter((s) => s.includes('ADD COLUMN'))).toEqual([
      'ALTER TABLE project_dates_loading ADD COLUMN actual_start DATE',
      'ALTER TABLE project_dates_loading ADD COLUMN actual_completion DATE'
    ]);
    expect(whole.statements.some((s) => s.includes('ADD COLUMN'))).toBe(false);
  });
});
