/**
 * What the bulletin is built from besides the programme's figures: the districts' figures, the
 * league tables of the preset's ranking sequences (src/lib/league, the one ranking definition),
 * problems overdue and past their escalation step (rules/escalation.ts), warnings and demerit
 * points, and task notices. Each is a client's answer (views/bulletin/*-specs.ts), typed here.
 */
import type { Rag } from '../metrics/investment.ts';
import type { EscalationStep, LocalName, MissedTargetPenalty, TaskNoticeItem } from '../rules/preset-schema.ts';
import type { LeagueRow } from '../views/league/league-rows.ts';

export interface DistrictFigures {
  district_code: string;
  district_name: string;
  projects: number;
  annual_plan: number;
  completed_ytd: number;
  completion_rate: number | null;
  elapsed_share: number | null;
  gap_points: number | null;
  rag: Rag | null;
}

/** One ranking sequence's league table as at the ranking month, with rank changes when there is a period before. */
export interface BulletinLeague {
  id: string;
  name: LocalName;
  unit: 'district' | 'lead_unit';
  minProjects: number;
  rows: LeagueRow[];
}

/** A problem overdue or past its escalation step, as at the month end (queries/problems.ts with the ladder's columns). */
export interface EscalatedProblem {
  id: string;
  project: string;
  category: string;
  description: string;
  level: string;
  deadline: string;
  notices: number;
  interviews: number;
  overdue: boolean;
  /** The ladder's position (null without a ladder). */
  reached: number | null;
  next: number | null;
  next_due: string | null;
  beyond: boolean;
  overrun: boolean;
}

export interface BulletinEscalation {
  /** The preset's ladder; empty when it has none. */
  steps: readonly EscalationStep[];
  overdue: EscalatedProblem[];
  overrun: EscalatedProblem[];
  overrunTotal: number;
}

export interface DemeritRow {
  unit: string;
  projects: number;
  missed: number;
  warnings: number;
  demerit_points: number;
}

export interface TaskNoticeRow {
  unit: string;
  item: TaskNoticeItem;
  id: string;
  name: string;
}

export interface BulletinNotices {
  demerits: { penalty: MissedTargetPenalty; rows: DemeritRow[] } | null;
  taskNotices: { items: readonly TaskNoticeItem[]; per: 'district' | 'lead_unit'; rows: TaskNoticeRow[] } | null;
}
