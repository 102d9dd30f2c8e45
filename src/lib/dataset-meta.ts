/**
 * A dataset's meta.json (what the plan published, the rule preset, the files the pipeline wrote)
 * and the index of datasets. Re-exported by schema.ts, where the tables' columns are.
 */
import type { Phase, ProjectLevel, RowGroupIndex, Sector, TableName } from './schema.ts';
import type { RulePreset } from './rules/preset-schema.ts';
import type { PlaybackMeta } from './playback/format.ts';

export type { LeaderThreshold, RulePreset } from './rules/preset-schema.ts';

export interface PublishedFigure {
  phase: Phase | 'all';
  sector: Sector | 'all';
  projects: number;
  /** 亿元 with two decimals, as published; null when the plan gives only a count. */
  total_investment_yi: string | null;
  annual_plan_yi: string | null;
  /** Additive: figures broken down by project level or size class (county plan). */
  level?: ProjectLevel | 'all';
  /** Additive: size class as the plan words it, e.g. 'lt3000' (<3,000万), '3000_5000', 'ge5000'. */
  size?: string;
  /** Additive: what the row covers when phase/sector do not say it (e.g. 'implementation projects'). */
  note?: string;
  /** Additive: with phase 'all', the phases the row covers when it is not every phase (implementation projects). */
  phases?: Phase[];
}

/** Additive: a published target checked against the data (e.g. Jiujiang ≥ 300亿 a year). */
export interface PublishedTarget {
  what: string;
  year?: number;
  /** Minimum as published, 亿元. */
  min_yi: string;
  /** Computed from the data (completed for past years, annual plan for the current year), 亿元. */
  computed_yi: string;
  met: boolean;
}

/** meta.json of a dataset. */
export interface DatasetMeta {
  id: string;
  name: { zh: string; en: string };
  year: number;
  /** Multi-year programmes (Jiujiang 2021–2023) list every year. */
  years?: number[];
  /** Last reported month end, YYYY-MM-DD. */
  as_of: string;
  jurisdiction: { zh: string; en: string; level: 'city' | 'county'; admin_code: string };
  source_document: string;
  /** The plan's rules (rules/preset-schema.ts), checked when the dataset loads (rules/validate.ts). */
  rule_preset: RulePreset;
  /** Figures as the plan published them, and as computed from the data, with differences flagged. */
  published?: PublishedFigure[];
  computed?: PublishedFigure[];
  discrepancies?: { what: string; published: string; computed: string }[];
  /** Additive: published targets (not breakdowns) checked against the data. */
  targets?: PublishedTarget[];
  /** What the generator invented because the plan gives no breakdown. */
  invented: string[];
  /** True when the location is illustrative (e.g. the plan does not name the county). */
  location_illustrative?: boolean;
  boundaries: { source: string; licence: string };
  /** Extra columns the dataset configuration marks internal. */
  internal_columns?: string[];
  generated?: { seed: number; generator: string };
  /** Set by the public build: only public project columns are present, no monthly or problems. */
  public?: boolean;
  /** Set by the public build: how its places were coarsened ('exact', 'district' or 'grid:<degrees>'). */
  public_locations?: string;
  /**
   * The first paint's file (Arrow IPC, scripts/lib/first-paint.ts), written from projects.parquet
   * with it; without one the page draws its first paint from projects.parquet.
   */
  first_paint?: string;
  /**
   * Months whose facts files the pipeline wrote (`factsFile(month)`), oldest first: every
   * available month (metrics/month.ts `availableMonths`).
   */
  facts_months?: string[];
  /** Row-group key ranges of projects.parquet, monthly.parquet and problems.parquet. */
  row_groups?: Partial<Record<TableName, RowGroupIndex>>;
  /** The timeline playback's files (playback/format.ts); none in a public dataset. */
  playback?: PlaybackMeta;
}

/** static/data/index.json: the datasets the app lists. */
export interface DatasetIndexEntry {
  id: string;
  name: { zh: string; en: string };
  year: number;
  projects: number;
}
