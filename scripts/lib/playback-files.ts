/**
 * The playback files (src/lib/playback/format.ts), written from the month facts files the
 * finishing step has just written: so the state of a project at a month is, by construction, the
 * one its facts file holds, and the summary is the metrics' own inputsQuery over those facts.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import path from 'node:path';
import { inputsQuery } from '../../src/lib/metrics/query.ts';
import { RAG_VALUES } from '../../src/lib/metrics/investment.ts';
import { factsFile, TABLES } from '../../src/lib/schema.ts';
import { PLAYBACK_STATE_FILE, PLAYBACK_SUMMARY_FILE, STAGE, SUMMARY_KEYS, type PlaybackMeta } from '../../src/lib/playback/format.ts';
import { POINT_ORDER } from './first-paint.ts';

const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
const FACTS_VIEW = 'cm_playback_facts';
const POINTS_TABLE = 'cm_playback_points';
const STATE_TABLE = 'cm_playback_state';
const SUMMARY_TABLE = 'cm_playback_summary';
/** completed is stored as INTEGER cents: 21,474,836.47 万元 a project at most. */
const MAX_CENTS = 2 ** 31 - 1;

/** The map's RAG code of a facts row (project-points.ts codeOf): 0 no plan, 1 green … 3 red. */
const ragCode = `CAST(coalesce(list_position([${RAG_VALUES.map(literal).join(', ')}], rag), 0) AS UTINYINT)`;
const stage = `CAST(CASE WHEN NOT in_plan THEN ${STAGE.left_plan} WHEN coalesce(finished, FALSE) THEN ${STAGE.finished}
  WHEN coalesce(started, FALSE) THEN ${STAGE.under_construction} ELSE ${STAGE.not_started} END AS UTINYINT)`;

/**
 * Writes playback.parquet and playback-summary.parquet into `dir` from its projects.parquet and
 * facts/<month>.parquet of `months` (meta.json `facts_months`); returns meta.json `playback`.
 */
export async function writePlaybackFiles(conn: DuckDBConnection, dir: string, months: readonly string[]): Promise<PlaybackMeta> {
  const projects = `read_parquet(${literal(path.join(dir, TABLES.projects.file))})`;
  try {
    await conn.run(
      `CREATE TEMP TABLE ${POINTS_TABLE} AS SELECT id, CAST(row_number() OVER (ORDER BY ${POINT_ORDER}) - 1 AS INTEGER) AS point FROM ${projects}`
    );
    const points = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${POINTS_TABLE}`)).getRowObjectsJS()[0].n);
    await conn.run(
      `CREATE TEMP TABLE ${STATE_TABLE} (month SMALLINT, point INTEGER, stage UTINYINT, rag UTINYINT, completed BIGINT, id VARCHAR)`
    );
    for (const [index, month] of months.entries()) {
      await conn.run(
        `CREATE OR REPLACE TEMP VIEW ${FACTS_VIEW} AS SELECT * FROM read_parquet(${literal(path.join(dir, factsFile(month)))})`
      );
      await conn.run(
        `INSERT INTO ${STATE_TABLE} SELECT ${index}, p.point, ${stage}, ${ragCode}, CAST(coalesce(f.completed_ytd, 0) * 100 AS BIGINT), f.id
         FROM ${FACTS_VIEW} AS f JOIN ${POINTS_TABLE} AS p USING (id)`
      );
      const summary = `SELECT CAST(${index} AS SMALLINT) AS month, * FROM (${summaryOf(FACTS_VIEW)})`;
      await conn.run(index === 0 ? `CREATE TEMP TABLE ${SUMMARY_TABLE} AS ${summary}` : `INSERT INTO ${SUMMARY_TABLE} ${summary}`);
    }
    await checkState(conn, points, months.length);
    await conn.run(
      `COPY (SELECT month, point, stage, rag, CAST(completed AS INTEGER) AS completed FROM ${STATE_TABLE} ORDER BY month, point)
       TO ${literal(path.join(dir, PLAYBACK_STATE_FILE))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1048576)`
    );
    await conn.run(
      `COPY (SELECT * FROM ${SUMMARY_TABLE} ORDER BY ${SUMMARY_KEYS.join(', ')})
       TO ${literal(path.join(dir, PLAYBACK_SUMMARY_FILE))} (FORMAT parquet, COMPRESSION zstd)`
    );
    return { state: PLAYBACK_STATE_FILE, summary: PLAYBACK_SUMMARY_FILE, points, months: months.length };
  } finally {
    for (const t of [STATE_TABLE, SUMMARY_TABLE, POINTS_TABLE]) await conn.run(`DROP TABLE IF EXISTS ${t}`);
    await conn.run(`DROP VIEW IF EXISTS ${FACTS_VIEW}`);
  }
}

/** The additive inputs per district and sector of one month's facts: the metrics' own query. */
function summaryOf(facts: string): string {
  return String(inputsQuery({ by: ['district_code', 'sector'], facts: { facts } }));
}

/** Every point has a row a month (the page reads rows by their place), and its completed amount fits the file's INTEGER. */
async function checkState(conn: DuckDBConnection, points: number, months: number): Promise<void> {
  const [row] = (
    await conn.runAndReadAll(
      `SELECT count(*) AS n, count(DISTINCT (month, point)) AS keys, max(abs(completed)) AS most, arg_max(id, abs(completed)) AS biggest
       FROM ${STATE_TABLE}`
    )
  ).getRowObjectsJS();
  if (Number(row.n) !== points * months || Number(row.keys) !== points * months) {
    throw new Error(`${PLAYBACK_STATE_FILE}: ${row.n} rows (${row.keys} distinct) for ${points} projects × ${months} months`);
  }
  if (Number(row.most ?? 0) > MAX_CENTS) {
    throw new Error(
      `${PLAYBACK_STATE_FILE}: project ${String(row.biggest)} has completed_ytd ${Number(row.most) / 100} 万元, above 21,474,836.47`
    );
  }
}
