/**
 * The monthly bulletin (通报) as one document model: sections, paragraphs and tables whose every
 * figure is already formatted. The screen and print view (views/bulletin/) and the Word file
 * (bulletin/docx.ts) both render this model, so the two cannot disagree on a number.
 */
import type { RagRule } from '../rules/preset-schema.ts';
import { formatDate, formatMonth, formatNumber, formatPercent, formatYi, type Locale } from '../i18n/format.ts';
import { translate, type MessageParams } from '../i18n/translate.ts';
import type { MessageKey } from '../i18n/messages.ts';
import { toMonth } from '../metrics/month.ts';
import type { Rag } from '../metrics/investment.ts';
import type { RankedDistrict } from '../views/bulletin/ranking.ts';
import { defaultDocNumber, defaultIssued } from './defaults.ts';
import { laggingTable, overdueTable, rankingTable, type LaggingProject, type OverdueProblem } from './tables.ts';

export type Align = 'start' | 'center' | 'end';

export interface TableColumn {
  label: string;
  align: Align;
  /** Share of the text block's width; a table's shares add up to 1. */
  width: number;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; id: 'ranking' | 'lagging' | 'overdue'; caption: string; columns: TableColumn[]; rows: string[][] }
  | { kind: 'chart'; caption: string; bars: ChartBar[]; legend: { rate: string; elapsed: string } }
  | { kind: 'map'; caption: string; districts: { code: string; rag: Rag | null; label: string }[] };

export interface ChartBar {
  label: string;
  /** Completion rate and 序时进度 as shares (0–1); null without a plan. */
  rate: number | null;
  elapsed: number | null;
  rag: Rag | null;
}

export interface BulletinDocument {
  locale: Locale;
  /** 发文机关标志. */
  issuer: string;
  docNumber: string;
  title: string;
  addressee: string;
  blocks: Block[];
  /** 落款: the issuer and the date written out. */
  signature: string;
  issued: string;
  /** The as-of date and the data fingerprint, so a printed copy can be traced. */
  trace: string;
}

/** The programme's figures at the month (metricsQuery at programme level). */
export interface OverallFigures {
  projects: number;
  total_investment: number;
  annual_plan: number;
  completed_ytd: number | null;
  completion_rate: number | null;
  elapsed_share: number | null;
  gap_points: number | null;
  new_projects: number | null;
  new_started: number | null;
  start_rate: number | null;
  problems_open: number | null;
  problems_overdue: number | null;
}

export interface BulletinInput {
  locale: Locale;
  /** 'YYYY-MM'. */
  month: string;
  jurisdiction: { zh: string; en: string; level: 'city' | 'county' };
  programme: { zh: string; en: string };
  /** The dataset's as-of date (meta.json). */
  asOf: string;
  /** As written by the user; empty: the default for the month. */
  docNumber: string;
  /** ISO date; empty: the default for the month. */
  issued: string;
  /** Internal data (completed investment, rankings, problems) is there. */
  internal: boolean;
  /** The preset's RAG rule, stated in words beside the districts' counts. */
  rag: RagRule;
  overall: OverallFigures;
  ranking: readonly RankedDistrict[];
  /** The month the rank changes are against; null in January. */
  previousMonth: string | null;
  lagging: readonly LaggingProject[];
  overdue: readonly OverdueProblem[];
  /** The first 12 hex digits of the data's SHA-256; null while it is computed. */
  fingerprint: string | null;
  districtName: (code: string, locale: Locale) => string;
}

/** Sentences run on in Chinese, spaced in English. */
const sentences = (locale: Locale, parts: readonly string[]) => parts.filter(Boolean).join(locale === 'en' ? ' ' : '');

const points = (p: number) => formatNumber(Math.abs(p), 1);

function versus(o: OverallFigures, tr: (k: MessageKey, p?: MessageParams) => string): string {
  const elapsed = formatPercent(o.elapsed_share);
  const gap = Number(formatNumber(o.gap_points ?? 0, 1));
  if (gap === 0) return tr('bulletin.versus.level', { elapsed });
  return tr(gap > 0 ? 'bulletin.versus.ahead' : 'bulletin.versus.behind', { elapsed, points: points(o.gap_points!) });
}

function overallBlocks(input: BulletinInput, tr: (k: MessageKey, p?: MessageParams) => string): Block[] {
  const { locale, overall: o } = input;
  const month = toMonth(input.month);
  const count = (n: number | null) => formatNumber(n ?? 0);
  const text = [
    tr('bulletin.overall.plan', {
      monthEnd: formatDate(month.end, locale),
      programme: input.programme[locale === 'zh-CN' ? 'zh' : 'en'],
      projects: count(o.projects),
      total: formatYi(o.total_investment, locale),
      annual: formatYi(o.annual_plan, locale)
    })
  ];
  if (input.internal && o.completed_ytd !== null) {
    const period =
      month.index === 1
        ? tr('bulletin.periodJan')
        : tr('bulletin.period', { end: locale === 'zh-CN' ? `${month.index}月` : formatMonth(month.key, locale) });
    text.push(
      tr('bulletin.overall.progress', {
        period,
        completed: formatYi(o.completed_ytd, locale),
        rate: formatPercent(o.completion_rate),
        versus: versus(o, tr)
      })
    );
    if (o.new_projects)
      text.push(
        tr('bulletin.overall.starts', { planned: count(o.new_projects), started: count(o.new_started), rate: formatPercent(o.start_rate) })
      );
  }
  const blocks: Block[] = [
    { kind: 'heading', text: tr('bulletin.h.overall') },
    { kind: 'paragraph', text: text.join('') }
  ];
  if (!input.internal) return blocks;
  const byRag = (rag: Rag) => formatNumber(input.ranking.filter((d) => d.rag === rag).length);
  const counts = { green: byRag('green'), amber: byRag('amber'), red: byRag('red') };
  const rule = input.rag;
  const districts =
    rule.basis === 'share_of_elapsed'
      ? tr('bulletin.overall.districts.share', {
          ...counts,
          greenShare: formatNumber(Math.round(rule.green_min_share * 1000) / 10),
          amberShare: formatNumber(Math.round(rule.amber_min_share * 1000) / 10)
        })
      : rule.green_max_points_behind > 0
        ? tr('bulletin.overall.districts.tolerance', {
            ...counts,
            greenPoints: rule.green_max_points_behind,
            amberPoints: rule.amber_max_points_behind
          })
        : tr('bulletin.overall.districts', { ...counts, amberPoints: rule.amber_max_points_behind });
  const problems = tr('bulletin.overall.problems', { open: count(o.problems_open), overdue: count(o.problems_overdue) });
  blocks.push({ kind: 'paragraph', text: sentences(locale, [districts, problems]) });
  return blocks;
}

function districtBlocks(input: BulletinInput, tr: (k: MessageKey, p?: MessageParams) => string): Block[] {
  const { locale } = input;
  const ranked = input.ranking.filter((d) => d.rank !== null);
  const name = (d: RankedDistrict) => input.districtName(d.district_code, locale);
  const gap = (d: RankedDistrict) =>
    locale === 'zh-CN'
      ? `${d.gap_points! >= 0 ? '快' : '慢'}${points(d.gap_points!)}个百分点`
      : `${d.gap_points! >= 0 ? '+' : '−'}${points(d.gap_points!)} pp`;
  const lead =
    ranked.length > 1
      ? tr('bulletin.districts.lead', {
          first: name(ranked[0]),
          firstGap: gap(ranked[0]),
          last: name(ranked.at(-1)!),
          lastGap: gap(ranked.at(-1)!)
        })
      : '';
  const change = input.previousMonth
    ? tr('bulletin.districts.change', { previous: formatMonth(input.previousMonth, locale) })
    : tr('bulletin.districts.noChange');
  return [
    { kind: 'heading', text: tr('bulletin.h.districts') },
    { kind: 'paragraph', text: sentences(locale, [lead, change]) },
    { kind: 'table', id: 'ranking', caption: tr('bulletin.table.ranking'), ...rankingTable(input.ranking, locale, input.districtName) },
    {
      kind: 'chart',
      caption: tr('bulletin.figure.chart'),
      legend: { rate: tr('bulletin.legend.rate'), elapsed: tr('bulletin.legend.elapsed') },
      bars: input.ranking.map((d) => ({ label: name(d), rate: d.completion_rate, elapsed: d.elapsed_share, rag: d.rag }))
    },
    {
      kind: 'map',
      caption: tr('bulletin.figure.map'),
      districts: input.ranking.map((d) => ({ code: d.district_code, rag: d.rag, label: name(d) }))
    }
  ];
}

function laggingBlocks(input: BulletinInput, tr: (k: MessageKey, p?: MessageParams) => string): Block[] {
  const head: Block = { kind: 'heading', text: tr('bulletin.h.lagging') };
  if (input.lagging.length === 0) return [head, { kind: 'paragraph', text: tr('bulletin.lagging.none') }];
  const n = formatNumber(input.lagging.length);
  return [
    head,
    { kind: 'paragraph', text: tr('bulletin.lagging.lead') },
    {
      kind: 'table',
      id: 'lagging',
      caption: tr('bulletin.table.lagging', { n }),
      ...laggingTable(input.lagging, input.locale, input.districtName)
    }
  ];
}

function problemBlocks(input: BulletinInput, tr: (k: MessageKey, p?: MessageParams) => string): Block[] {
  const head: Block = { kind: 'heading', text: tr('bulletin.h.problems') };
  const total = input.overall.problems_overdue ?? input.overdue.length;
  if (total === 0) return [head, { kind: 'paragraph', text: tr('bulletin.problems.none') }];
  const lead =
    total > input.overdue.length
      ? tr('bulletin.problems.shown', { total: formatNumber(total), shown: formatNumber(input.overdue.length) })
      : tr('bulletin.problems.lead', { total: formatNumber(total) });
  return [
    head,
    { kind: 'paragraph', text: lead },
    { kind: 'table', id: 'overdue', caption: tr('bulletin.table.overdue'), ...overdueTable(input.overdue, input.locale) }
  ];
}

/** The bulletin of a month, every figure formatted in the input's locale. */
export function buildBulletin(input: BulletinInput): BulletinDocument {
  const { locale } = input;
  const tr = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
  const jurisdiction = input.jurisdiction[locale === 'zh-CN' ? 'zh' : 'en'];
  const monthName = formatMonth(input.month, locale);
  const issuer = tr('bulletin.issuer', { jurisdiction });
  const issued = formatDate(input.issued || defaultIssued(input.month), locale);
  const blocks: Block[] = [
    { kind: 'paragraph', text: tr('bulletin.intro', { month: monthName, whole: tr(`bulletin.whole.${input.jurisdiction.level}`) }) },
    ...overallBlocks(input, tr)
  ];
  if (input.internal) blocks.push(...districtBlocks(input, tr), ...laggingBlocks(input, tr), ...problemBlocks(input, tr));
  else blocks.push({ kind: 'paragraph', text: tr('bulletin.public') });
  return {
    locale,
    issuer,
    docNumber: input.docNumber.trim() || defaultDocNumber(input.month, input.jurisdiction, locale),
    title: tr('bulletin.title', { month: monthName, jurisdiction }),
    addressee: tr(`bulletin.addressee.${input.jurisdiction.level}`),
    blocks,
    signature: issuer,
    issued,
    trace: tr('bulletin.trace', {
      monthEnd: formatDate(toMonth(input.month).end, locale),
      asOf: formatDate(input.asOf, locale),
      fingerprint: input.fingerprint ?? tr('bulletin.traceWaiting')
    })
  };
}
