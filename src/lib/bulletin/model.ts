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
import { defaultDocNumber, defaultIssued } from './defaults.ts';
import type { BulletinEscalation, BulletinLeague, BulletinNotices, DistrictFigures } from './inputs.ts';
import { leagueBlocks, noticeBlocks, problemBlocks, type SectionContext } from './sections.ts';
import { laggingTable, type LaggingProject } from './tables.ts';

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
  | { kind: 'table'; id: string; caption: string; columns: TableColumn[]; rows: string[][] }
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
  /** Each district's figures (completion, 序时进度, RAG) for the counts, the chart and the map. */
  districts: readonly DistrictFigures[];
  /** The league tables of the preset's ranking sequences (src/lib/league); null without a ranking. */
  league: readonly BulletinLeague[] | null;
  /** The ranking period the changes are against ('YYYY-MM' or 'YYYY-Qn'); null when the data has none before. */
  previousPeriod: string | null;
  lagging: readonly LaggingProject[];
  escalation: BulletinEscalation;
  notices: BulletinNotices;
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
    { kind: 'paragraph', text: sentences(locale, text) }
  ];
  if (!input.internal) return blocks;
  const byRag = (rag: Rag) => formatNumber(input.districts.filter((d) => d.rag === rag).length);
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

function districtBlocks(input: BulletinInput, c: SectionContext): Block[] {
  const { locale, tr } = c;
  const name = (d: DistrictFigures) => input.districtName(d.district_code, locale);
  const districtLeagues = (input.league ?? []).filter((l) => l.unit === 'district');
  // In the league's order where there is one, so the chart reads as the table does.
  const order = new Map((districtLeagues[0]?.rows ?? []).map((r, i) => [r.unit, i]));
  const districts = [...input.districts].sort(
    (a, b) =>
      (order.get(a.district_code) ?? Infinity) - (order.get(b.district_code) ?? Infinity) || a.district_code.localeCompare(b.district_code)
  );
  const change = input.previousPeriod
    ? tr('bulletin.districts.change', {
        previous: /Q/.test(input.previousPeriod) ? input.previousPeriod : formatMonth(input.previousPeriod, locale)
      })
    : tr('bulletin.districts.noChange');
  const blocks: Block[] = [{ kind: 'heading', text: tr('bulletin.h.districts') }];
  if (input.league === null) blocks.push({ kind: 'paragraph', text: tr('bulletin.league.noRanking') });
  else blocks.push({ kind: 'paragraph', text: change }, ...leagueBlocks(c, districtLeagues, input.districts));
  blocks.push(
    {
      kind: 'chart',
      caption: tr('bulletin.figure.chart'),
      legend: { rate: tr('bulletin.legend.rate'), elapsed: tr('bulletin.legend.elapsed') },
      bars: districts.map((d) => ({ label: name(d), rate: d.completion_rate, elapsed: d.elapsed_share, rag: d.rag }))
    },
    {
      kind: 'map',
      caption: tr('bulletin.figure.map'),
      districts: districts.map((d) => ({ code: d.district_code, rag: d.rag, label: name(d) }))
    }
  );
  const others = (input.league ?? []).filter((l) => l.unit !== 'district');
  if (others.length) blocks.push(...leagueBlocks(c, others, input.districts));
  return blocks;
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

const ZH_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二'];

/** Headings, tables and figures numbered in the order they come: 一、二、… and 表1, 图1 …. */
function numbered(blocks: Block[], tr: (k: MessageKey, p?: MessageParams) => string, locale: Locale): Block[] {
  let heading = 0;
  let table = 0;
  let figure = 0;
  return blocks.map((b) => {
    if (b.kind === 'heading') {
      heading++;
      return { ...b, text: tr('bulletin.heading', { n: locale === 'zh-CN' ? ZH_NUMERALS[heading - 1] : heading, text: b.text }) };
    }
    if (b.kind === 'table') return { ...b, caption: tr('bulletin.table.numbered', { n: ++table, caption: b.caption }) };
    if (b.kind === 'chart' || b.kind === 'map')
      return { ...b, caption: tr('bulletin.figure.numbered', { n: ++figure, caption: b.caption }) };
    return b;
  });
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
  const c: SectionContext = {
    locale,
    month: input.month,
    tr,
    names: input.districtName,
    local: (n) => (locale === 'zh-CN' ? n.zh : n.en)
  };
  if (input.internal)
    blocks.push(
      ...districtBlocks(input, c),
      ...laggingBlocks(input, tr),
      ...problemBlocks(c, input.escalation, input.overall.problems_overdue ?? input.escalation.overdue.length),
      ...noticeBlocks(c, input.notices)
    );
  else blocks.push({ kind: 'paragraph', text: tr('bulletin.public') });
  return {
    locale,
    issuer,
    docNumber: input.docNumber.trim() || defaultDocNumber(input.month, input.jurisdiction, locale),
    title: tr('bulletin.title', { month: monthName, jurisdiction }),
    addressee: tr(`bulletin.addressee.${input.jurisdiction.level}`),
    blocks: numbered(blocks, tr, locale),
    signature: issuer,
    issued,
    trace: tr('bulletin.trace', {
      monthEnd: formatDate(toMonth(input.month).end, locale),
      asOf: formatDate(input.asOf, locale),
      fingerprint: input.fingerprint ?? tr('bulletin.traceWaiting')
    })
  };
}
