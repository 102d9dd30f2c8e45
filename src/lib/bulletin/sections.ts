/**
 * The bulletin's sections on the plan's rules: the league tables with rank changes and the
 * red-and-black list (src/lib/league), overdue problems and escalations (rules/escalation.ts),
 * warnings and demerit points, and task notices. Headings and captions come unnumbered; the model
 * numbers them in order (model.ts).
 */
import { formatNumber, type Locale } from '../i18n/format.ts';
import type { MessageKey } from '../i18n/messages.ts';
import type { MessageParams } from '../i18n/translate.ts';
import { toMonth } from '../metrics/month.ts';
import type { BulletinEscalation, BulletinLeague, BulletinNotices, DistrictFigures } from './inputs.ts';
import type { Block } from './model.ts';
import { demeritsTable, taskNoticesTable } from './notice-tables.ts';
import { overdueTable, overrunTable } from './problem-tables.ts';
import { districtLeagueTable, unitLeagueTable, type Names } from './tables.ts';

type Tr = (key: MessageKey, params?: MessageParams) => string;

export interface SectionContext {
  locale: Locale;
  month: string;
  tr: Tr;
  names: Names;
  /** A sequence's or ladder's name in the locale. */
  local: (n: { zh: string; en: string }) => string;
}

const list = (c: SectionContext, items: string[]) =>
  items.length ? items.join(c.locale === 'zh-CN' ? '、' : ', ') : c.tr('bulletin.league.none');

function unitName(c: SectionContext, league: BulletinLeague, unit: string, fallback: string): string {
  return league.unit === 'district' ? c.names(unit, c.locale) : fallback;
}

/** The lead sentence, the red and black lists and the units too small to rank, of one sequence. */
function leagueWords(c: SectionContext, league: BulletinLeague): string {
  const ranked = league.rows.filter((r) => r.rankable && r.composite_rank !== null);
  const name = (r: (typeof ranked)[number]) => unitName(c, league, r.unit, r.unit_name);
  const sequence = c.local(league.name);
  const parts: string[] = [];
  if (ranked.length > 1) parts.push(c.tr('bulletin.league.lead', { sequence, first: name(ranked[0]), last: name(ranked.at(-1)!) }));
  parts.push(
    c.tr('bulletin.league.lists', {
      red: list(c, ranked.filter((r) => r.red_list).map(name)),
      black: list(c, ranked.filter((r) => r.black_list).map(name))
    })
  );
  const small = league.rows.filter((r) => !r.rankable).map((r) => unitName(c, league, r.unit, r.unit_name));
  if (small.length) parts.push(c.tr('bulletin.league.minimum', { min: league.minProjects, units: list(c, small) }));
  return parts.join(c.locale === 'en' ? ' ' : '');
}

/** The districts' league table (under the districts' heading) and each other sequence's. */
export function leagueBlocks(c: SectionContext, leagues: readonly BulletinLeague[], figures: readonly DistrictFigures[]): Block[] {
  return leagues.flatMap((league): Block[] => {
    const caption = c.tr(league.unit === 'district' ? 'bulletin.table.ranking' : 'bulletin.table.units', {
      sequence: c.local(league.name)
    });
    const table =
      league.unit === 'district' ? districtLeagueTable(league.rows, figures, c.locale, c.names) : unitLeagueTable(league.rows, c.locale);
    const blocks: Block[] = [];
    if (league.unit !== 'district') blocks.push({ kind: 'heading', text: c.tr('bulletin.h.units', { sequence: c.local(league.name) }) });
    blocks.push({ kind: 'paragraph', text: leagueWords(c, league) });
    if (table.rows.length) blocks.push({ kind: 'table', id: `league-${league.id}`, caption, ...table });
    return blocks;
  });
}

/** Overdue problems with their next step, then the problems that overran their step on the ladder. */
export function problemBlocks(c: SectionContext, e: BulletinEscalation, overdueTotal: number): Block[] {
  const day = toMonth(c.month).end;
  const blocks: Block[] = [{ kind: 'heading', text: c.tr('bulletin.h.problems') }];
  if (overdueTotal === 0) blocks.push({ kind: 'paragraph', text: c.tr('bulletin.problems.none') });
  else {
    const shown = e.overdue.length;
    blocks.push({
      kind: 'paragraph',
      text:
        overdueTotal > shown
          ? c.tr('bulletin.problems.shown', { total: formatNumber(overdueTotal), shown: formatNumber(shown) })
          : c.tr('bulletin.problems.lead', { total: formatNumber(overdueTotal) })
    });
    blocks.push({
      kind: 'table',
      id: 'overdue',
      caption: c.tr('bulletin.table.overdue'),
      ...overdueTable(e.overdue, e.steps, c.locale, day)
    });
  }
  if (!e.steps.length) return blocks;
  const ladder = e.steps.map((s) => c.local(s.actor)).join(' → ');
  if (e.overrunTotal === 0) return [...blocks, { kind: 'paragraph', text: c.tr('bulletin.escalation.none', { ladder }) }];
  const total = formatNumber(e.overrunTotal);
  blocks.push({
    kind: 'paragraph',
    text:
      e.overrunTotal > e.overrun.length
        ? c.tr('bulletin.escalation.shown', { ladder, total, shown: formatNumber(e.overrun.length) })
        : c.tr('bulletin.escalation.lead', { ladder, total })
  });
  blocks.push({
    kind: 'table',
    id: 'overrun',
    caption: c.tr('bulletin.table.overrun'),
    ...overrunTable(e.overrun, e.steps, c.locale, day)
  });
  return blocks;
}

/** Warnings and demerit points (Lishui) and task notices (Guiyang), where the preset has them. */
export function noticeBlocks(c: SectionContext, n: BulletinNotices): Block[] {
  const blocks: Block[] = [];
  if (n.demerits) {
    const { penalty, rows } = n.demerits;
    blocks.push({ kind: 'heading', text: c.tr('bulletin.h.demerits') });
    if (!rows.length) blocks.push({ kind: 'paragraph', text: c.tr('bulletin.demerits.none') });
    else {
      blocks.push({
        kind: 'paragraph',
        text: c.tr('bulletin.demerits.lead', { w: penalty.warnings_per_miss, p: penalty.demerit_points_per_miss })
      });
      blocks.push({ kind: 'table', id: 'demerits', caption: c.tr('bulletin.table.demerits'), ...demeritsTable(rows, c.locale, c.names) });
    }
  }
  if (n.taskNotices) {
    const { items, per, rows } = n.taskNotices;
    blocks.push({ kind: 'heading', text: c.tr('bulletin.h.taskNotices') });
    if (!rows.length) blocks.push({ kind: 'paragraph', text: c.tr('bulletin.taskNotices.none') });
    else {
      const units = new Set(rows.map((r) => r.unit)).size;
      blocks.push({
        kind: 'paragraph',
        text: c.tr('bulletin.taskNotices.lead', { units: formatNumber(units), projects: formatNumber(new Set(rows.map((r) => r.id)).size) })
      });
      const name = (unit: string) => (per === 'district' ? c.names(unit, c.locale) : unit);
      blocks.push({
        kind: 'table',
        id: 'task-notices',
        caption: c.tr('bulletin.table.taskNotices'),
        ...taskNoticesTable(rows, items, name, c.locale)
      });
    }
  }
  return blocks;
}
