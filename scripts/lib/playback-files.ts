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
  const projects = `read_parquet(${literal(path.join(dir, TABLES.projects.file))}, file_row_number = true)`;
  try {
    // A project's facts row_key is its row in projects.parquet (facts-files.ts): joined on that integer, not the text id.
    await conn.run(
      `CREATE TEMP TABLE ${POINTS_TABLE} AS SELECT id, CAST(file_row_number AS INTEGER) AS row_key,
         CAST(row_number() OVER (ORDER BY ${POINT_ORDER}) - 1 AS INTEGER) AS point FROM ${projects}`
    );
    const points = Number((await conn.runAndReadAll(`SELECT count(*) AS n FROM ${POINTS_TABLE}`)).getRowObjectsJS()[0].n);
    // Every month's facts at once, with its month index: one statement for each file written.
    const files = months.map(
      (m, i) => `SELECT CAST(${i} AS SMALLINT) AS month, * FROM read_parquet(${literal(path.join(dir, factsFile(m)))})`
    );
    await conn.run(`CREATE OR REPLACE TEMP VIEW ${FACTS_VIEW} AS ${files.join(' UNION ALL ')}`);
    await conn.run(
      `CREATE TEMP TABLE ${STATE_TABLE} AS SELECT f.month, p.point, ${stage} AS stage, ${ragCode} AS rag,
         CAST(coalesce(f.completed_ytd, 0) * 100 AS BIGINT) AS completed
       FROM ${FACTS_VIEW} AS f JOIN ${POINTS_TABLE} AS p USING (row_key)`
    );
    await checkState(conn, points, months.length);
    await conn.run(
      `COPY (SELECT month, point, stage, rag, CAST(completed AS INTEGER) AS completed FROM ${STATE_TABLE} ORDER BY month, point)
       TO ${literal(path.join(dir, PLAYBACK_STATE_FILE))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1048576)`
    );
    // The additive inputs per month, district and sector: the metrics' own query, ordered by those keys.
    const summary = inputsQuery({ by: SUMMARY_KEYS, facts: { facts: FACTS_VIEW } });
    await conn.run(`COPY (${summary}) TO ${literal(path.join(dir, PLAYBACK_SUMMARY_FILE))} (FORMAT parquet, COMPRESSION zstd)`);
    return { state: PLAYBACK_STATE_FILE, summary: PLAYBACK_SUMMARY_FILE, points, months: months.length };
  } finally {
    for (const t of [STATE_TABLE, POINTS_TABLE]) await conn.run(`DROP TABLE IF EXISTS ${t}`);
    await conn.run(`DROP VIEW IF EXISTS ${FACTS_VIEW}`);
  }
}

/** Every point has a row a month (the page reads rows by their place), and its completed amount fits the file's INTEGER. */
async function checkState(conn: DuckDBConnection, points: number, months: number): Promise<void> {
  const [row] = (
    await conn.runAndReadAll(
      `SELECT count(*) AS n, count(DISTINCT (month, point)) AS keys, max(abs(completed)) AS most,
         (SELECT id FROM ${POINTS_TABLE} WHERE point = arg_max(s.point, abs(s.completed))) AS biggest
       FROM ${STATE_TABLE} AS s`
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
