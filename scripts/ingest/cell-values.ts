/** Cell values with a closed vocabulary: approval status, batch, 入库, leader rank, GeoJSON lines. */
import type { ApprovalStatus } from '../../src/lib/schema.ts';
import { isDateCell } from './parse-date.ts';
import { chineseNumeral, cleanText, toHalfWidth } from './text.ts';

const APPROVAL_DONE = /已|完成|办结|取得|批复|✓|√|^是$|^done$|^有$/i;
const APPROVAL_DOING = /办理中|在办|正在|进行|申报|报批|编制|in_progress/i;
const APPROVAL_NA = /无需|不需|不涉及|免|not_required|^\/$/i;
const APPROVAL_PENDING = /未|待|^否$|pending|×|✗|^无$/i;

export function approvalStatus(value: unknown): ApprovalStatus | null {
  if (value === null || value === undefined || String(value).trim() === '') return 'pending';
  if (isDateCell(value)) return 'done';
  const s = cleanText(String(value));
  if (APPROVAL_NA.test(s)) return 'not_required';
  if (APPROVAL_DOING.test(s)) return 'in_progress';
  if (APPROVAL_PENDING.test(s)) return 'pending';
  if (APPROVAL_DONE.test(s)) return 'done';
  return null;
}

export function batchOf(value: unknown): string | null {
  if (value === null || value === undefined || String(value).trim() === '') return 'initial';
  const s = toHalfWidth(cleanText(String(value)));
  if (/^(initial|supplement-\d+)$/.test(s)) return s;
  if (/增补|补充|追加/.test(s)) {
    const n = /(\d+|[一二三四五六七八九十]+)/.exec(s.replace(/^第/, ''));
    return `supplement-${n ? (chineseNumeral(n[1]) ?? 1) : 1}`;
  }
  if (/首批|第一批|初始|年初|计划内|^1$/.test(s)) return 'initial';
  return null;
}

const TRUE = /^(是|已|已入库|已入统|√|✓|true|yes|y|1)$/i;
const FALSE = /^(否|未|未入库|未入统|×|false|no|n|0|)$/i;

const RANKS: [RegExp, string][] = [
  [/^city_leader$|市(级)?领导|市委|市政府/, 'city_leader'],
  [/^county_leader$|(县|区|县\(区\)|县（区）)(级)?领导/, 'county_leader'],
  [/^key_department$|重点部门/, 'key_department'],
  [/^other_department$|其他部门|^部门$/, 'other_department']
];
export function rankOf(text: string): string | null {
  const s = cleanText(text);
  return RANKS.find(([re]) => re.test(s))?.[1] ?? null;
}

/** A GeoJSON LineString / MultiLineString as text; null when blank, false when not one. */
export function readGeometry(value: unknown): string | null | false {
  if (value === null || value === undefined || String(value).trim() === '') return null;
  try {
    const g = JSON.parse(String(value)) as { type?: string; coordinates?: unknown };
    if ((g.type === 'LineString' || g.type === 'MultiLineString') && Array.isArray(g.coordinates)) return JSON.stringify(g);
  } catch {
    /* not JSON */
  }
  return false;
}

/** 是/否 (√, 已入库 …) to a boolean; null when blank, undefined when not understood. */
export function registeredOf(value: unknown): boolean | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  const s = cleanText(String(value));
  if (TRUE.test(s)) return true;
  if (FALSE.test(s)) return false;
  return undefined;
}
