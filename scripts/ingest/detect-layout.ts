/**
 * Finds how a sheet is laid out: title and unit rows above the header ("单位：万元"), a one-
 * or two-row header (merged group headers such as 投资情况 over 总投资 | 2022年计划投资), and
 * whether the sheet is a plan annex or a monthly return. Row kinds (section, subtotal, note,
 * project) are told apart by `classifyRow`.
 */
import type { Phase, ProjectLevel, Sector } from '../../src/lib/schema.ts';
import { mapHeader, type ColumnMeaning, type Field } from './header-map.ts';
import type { AmountUnit } from './parse-amount.ts';
import { sheetYears } from './plan-years.ts';
import { columnLetter, type SheetGrid } from './read-workbook.ts';
import { chineseNumeral, cleanText, squeeze, toHalfWidth } from './text.ts';

export interface Column {
  index: number;
  letter: string;
  header: string;
  meaning: ColumnMeaning | null;
}

export interface Layout {
  mode: 'plan' | 'monthly';
  /** 0-based index of the first header row. */
  headerRow: number;
  headerRows: 1 | 2;
  dataStart: number;
  columns: Column[];
  byField: Map<ColumnMeaning['field'], Column>;
  /** Wide monthly columns ("1月" … "12月"). */
  monthColumns: Column[];
  unit: AmountUnit;
  year?: number;
  /** Every year the sheet states (plan-years.ts `sheetYears`). */
  years?: number[];
  title: string | null;
  phaseHint?: Phase;
  duplicates: Column[];
  ignored: Column[];
}

export function phaseOf(text: string): Phase | null {
  const s = squeeze(toHalfWidth(text));
  if (/^(preparatory|new|continuing|completion)$/.test(s)) return s as Phase;
  const hits = new Set<Phase>();
  if (/预备|储备|前期项目/.test(s)) hits.add('preparatory');
  if (/新开工|新建项目|^新建$|^新开$/.test(s)) hits.add('new');
  if (/续建/.test(s)) hits.add('continuing');
  if (/竣工|收尾|建成投产|完工/.test(s)) hits.add('completion');
  return hits.size === 1 ? [...hits][0] : null;
}

export function sectorOf(text: string): Sector | null {
  const s = squeeze(toHalfWidth(text));
  if (/^(infrastructure|industry|livelihood|ecology)$/.test(s)) return s as Sector;
  if (/基础设施|交通|能源|水利|市政|城建|城市建设/.test(s)) return 'infrastructure';
  if (/生态|环保|环境|污染|绿化|节能减排/.test(s)) return 'ecology';
  if (/民生|社会事业|公共服务|教育|卫生|医疗|住房|保障|养老|文体|文化体育|社会发展/.test(s)) return 'livelihood';
  if (/产业|工业|制造|农业|服务业|商贸|物流|文旅|旅游|科技创新/.test(s)) return 'industry';
  return null;
}

export function levelOf(text: string): ProjectLevel | null {
  const s = squeeze(toHalfWidth(text));
  if (/^(provincial|city|county)$/.test(s)) return s as ProjectLevel;
  if (/省|自治区|区级重大/.test(s)) return 'provincial';
  if (/市/.test(s)) return 'city';
  if (/县|区/.test(s)) return 'county';
  return null;
}

const textAt = (sheet: SheetGrid, r: number, c: number) => {
  const t = sheet.texts[r]?.[c];
  return t === null || t === undefined ? '' : cleanText(String(t));
};

function rowMeanings(sheet: SheetGrid, r: number, mode: 'plan' | 'monthly') {
  return (sheet.texts[r] ?? []).map((t) => (t ? mapHeader(String(t), mode) : null));
}

function isHeaderRow(sheet: SheetGrid, r: number): boolean {
  const plan = rowMeanings(sheet, r, 'plan').map((m) => m?.field);
  const monthly = rowMeanings(sheet, r, 'monthly').map((m) => m?.field);
  const key = plan.includes('name') || plan.includes('id');
  const other = ['total', 'annual', 'district', 'responsible_units', 'owner'].some((f) => plan.includes(f as Field));
  const monthlyOther = monthly.some((f) => f === 'month' || f === 'completed_month' || f === 'completed_ytd' || f === 'month_amount');
  return key && (other || monthlyOther);
}

/** Detects the layout, or returns null when the sheet has no project table. */
export function detectLayout(sheet: SheetGrid, defaults: { unit?: AmountUnit } = {}): Layout | null {
  const scan = Math.min(sheet.values.length, 30);
  let h = -1;
  for (let r = 0; r < scan && h < 0; r++) if (isHeaderRow(sheet, r)) h = r;
  // a two-row header may put 项目名称 only in the second row (group header above every column)
  if (h < 0) return null;
  const width = Math.max(...sheet.texts.slice(h, h + 2).map((row) => row.length));
  const nameCol = rowMeanings(sheet, h, 'plan').findIndex((m) => m?.field === 'name' || m?.field === 'id');
  const next = h + 1 < sheet.values.length ? h + 1 : -1;
  let two = false;
  if (next >= 0) {
    const nameBelow = sheet.values[next][nameCol];
    const mergedDown = sheet.merged[next]?.[nameCol] && textAt(sheet, next, nameCol) === textAt(sheet, h, nameCol);
    const groupAbove = sheet.merged[h]?.some((m) => m) ?? false;
    const subLabels = (sheet.texts[next] ?? []).some(
      (t, c) => t && !sheet.merged[next][c] && (mapHeader(String(t), 'plan') || mapHeader(String(t), 'monthly'))
    );
    // without merges (CSV, or a sheet saved without them) a group header sits in its first cell only
    const noNumbers = (sheet.values[next] ?? []).every((v) => typeof v !== 'number');
    const blankAfterGroup = (sheet.texts[h] ?? []).some(
      (t, c) => !!t && c + 1 < width && !sheet.texts[h][c + 1] && !!sheet.texts[next]?.[c + 1]
    );
    two = !!mergedDown || ((nameBelow === null || nameBelow === '') && subLabels && noNumbers && (groupAbove || blankAfterGroup));
  }
  const mode: 'plan' | 'monthly' = isMonthly(sheet, h, two) ? 'monthly' : 'plan';
  const columns: Column[] = [];
  let group = '';
  for (let c = 0; c < width; c++) {
    let top = textAt(sheet, h, c);
    const sub = two ? textAt(sheet, h + 1, c) : '';
    // an unmerged group header ("投资情况" then blanks) covers the sub-headers to its right
    if (two && !top && sub && group) top = group;
    group = two && top && sub && sub !== top ? top : '';
    let meaning: ColumnMeaning | null = null;
    let header = top;
    if (sub && sub !== top) {
      header = top ? `${top}/${sub}` : sub;
      const topIsGroup =
        !!top &&
        (sheet.merged[h][c] ||
          sheet.merged[h][c + 1] === true ||
          !textAt(sheet, h, c) ||
          (c + 1 < width && !textAt(sheet, h, c + 1) && !!textAt(sheet, h + 1, c + 1)));
      meaning = mapHeader(sub, mode, top) ?? mapHeader(top + sub, mode) ?? (topIsGroup ? null : mapHeader(top, mode));
    } else if (top) {
      meaning = mapHeader(top, mode);
    }
    columns.push({ index: c, letter: columnLetter(c), header, meaning });
  }
  const byField = new Map<ColumnMeaning['field'], Column>();
  const duplicates: Column[] = [];
  const monthColumns: Column[] = [];
  for (const col of columns) {
    if (!col.meaning) continue;
    if (col.meaning.field === 'month_amount') monthColumns.push(col);
    else if (byField.has(col.meaning.field)) duplicates.push(col);
    else byField.set(col.meaning.field, col);
  }
  const ignored = columns.filter((c) => c.header && !c.meaning);
  const titleRows = sheet.texts
    .slice(0, h)
    .flat()
    .filter(Boolean)
    .map((t) => cleanText(String(t)));
  const title = titleRows.length ? [...new Set(titleRows)].join(' ') : null;
  const unitMatch = /单位[:：]\s*(万元|亿元|元)/.exec(title ?? '');
  const unit = (unitMatch?.[1] as AmountUnit | undefined) ?? defaults.unit ?? '万元';
  const yearFromHeader = [...byField.values()].find((c) => c.meaning?.year)?.meaning?.year;
  const annualYears = columns.filter((c) => c.meaning?.field === 'annual' && c.meaning.year).map((c) => c.meaning!.year!);
  const years = sheetYears(annualYears, title);
  const year = yearFromHeader ?? years?.at(-1);
  const phaseHint = phaseOf(sheet.name) ?? (title ? phaseOf(title) : null) ?? undefined;
  return {
    mode,
    headerRow: h,
    headerRows: two ? 2 : 1,
    dataStart: h + (two ? 2 : 1),
    columns,
    byField,
    monthColumns,
    unit,
    year,
    years,
    title,
    phaseHint,
    duplicates,
    ignored
  };
}

function isMonthly(sheet: SheetGrid, h: number, two: boolean): boolean {
  const labels = [...(sheet.texts[h] ?? []), ...(two ? (sheet.texts[h + 1] ?? []) : [])].filter(Boolean).map(String);
  const m = labels.map((t) => mapHeader(t, 'monthly')?.field);
  const p = labels.map((t) => mapHeader(t, 'plan')?.field);
  if (m.includes('month')) return true;
  if (m.filter((f) => f === 'month_amount').length >= 2 && !p.includes('total')) return true;
  return (m.includes('completed_month') || m.includes('completed_ytd')) && !p.includes('total');
}

export type RowKind =
  | { kind: 'empty' }
  | { kind: 'note' }
  | { kind: 'header' }
  | { kind: 'section'; label: string; level: 1 | 2; phase: Phase | null; sector: Sector | null; count: number | null }
  | { kind: 'total'; label: string; scope: 'sheet' | 'section' }
  | { kind: 'data' };

const NUM1 = /^([一二三四五六七八九十]+)\s*[、.．,，]\s*(.+)$/;
const NUM2 = /^[(（]\s*([一二三四五六七八九十]+)\s*[)）]\s*(.+)$/;
const PHASE_LABEL = /^(新开工|续建|竣工|收尾|建成|预备|储备|前期)(项目|类)?$/;
const SECTOR_LABEL =
  /^(基础设施|产业发展|产业|工业|民生保障|民生|社会事业|社会民生|生态环保|生态环境|生态|农业农村|服务业|交通|能源|水利|城建|市政)(类)?(项目|工程)?$/;
/** Cells only a project row fills (district, units, dates …): a heading holds just a label and sums. */
const HEADING_FIELDS = new Set(['seq', 'name', 'total', 'annual', 'invested_before', 'note']);
function hasProjectData(sheet: SheetGrid, r: number, layout: Layout, label: string): boolean {
  return layout.columns.some((c) => {
    if (!c.meaning || HEADING_FIELDS.has(c.meaning.field)) return false;
    const t = sheet.texts[r]?.[c.index];
    return t !== null && t !== undefined && cleanText(String(t)) !== '' && cleanText(String(t)) !== label;
  });
}
const COUNT = /[(（]\s*(?:共)?\s*(\d+)\s*[项个]\s*[)）]/;

/** Tells project rows from section headings, subtotal/total rows, notes and blank rows. */
export function classifyRow(sheet: SheetGrid, r: number, layout: Layout): RowKind {
  const row = sheet.values[r] ?? [];
  if (row.every((v) => v === null || String(v).trim() === '')) return { kind: 'empty' };
  const col = (f: Field) => layout.byField.get(f)?.index;
  const nameIdx = col('name');
  const seqIdx = col('seq');
  const idIdx = col('id');
  const name = nameIdx !== undefined ? textAt(sheet, r, nameIdx) : '';
  const seq = seqIdx !== undefined ? textAt(sheet, r, seqIdx) : '';
  const firstText = (sheet.texts[r] ?? []).map((t) => (t ? cleanText(String(t)) : '')).find((t) => t !== '') ?? '';
  const label = name || seq || firstText;
  const flat = squeeze(toHalfWidth(label));
  if (/^(注|说明|备注|填表说明|填报说明|附注)\s*\d?\s*[:：、.]/.test(label)) return { kind: 'note' };
  // a header repeated on a later page
  if (nameIdx !== undefined && name && name === layout.columns[nameIdx].header) return { kind: 'header' };
  const seqIsNumber = /^\d+(\.\d+)?$/.test(squeeze(toHalfWidth(seq)));
  const idText = idIdx !== undefined ? textAt(sheet, r, idIdx) : '';
  const hasId = idText !== '' && idText !== label;
  if (flat.length <= 24 && /(合计|小计|总计|共计)/.test(flat) && !hasId) {
    const sectionish = /小计/.test(flat) || phaseOf(flat) !== null || sectorOf(flat) !== null;
    return { kind: 'total', label, scope: sectionish ? 'section' : 'sheet' };
  }
  if (seqIsNumber || (hasId && seqIdx === undefined)) return { kind: 'data' };
  const count = COUNT.exec(toHalfWidth(label));
  let m: RegExpExecArray | null;
  let level: 1 | 2 | null = null;
  let text = label;
  if ((m = NUM1.exec(label)) && chineseNumeral(m[1]) !== null) [level, text] = [1, m[2]];
  else if ((m = NUM2.exec(label)) && chineseNumeral(m[1]) !== null) [level, text] = [2, m[2]];
  const bare = squeeze(toHalfWidth(text)).replace(COUNT, '');
  const phase = phaseOf(bare);
  const sector = sectorOf(bare);
  const pureCategory = PHASE_LABEL.test(bare) || SECTOR_LABEL.test(bare);
  if (level === null && pureCategory && !seq) level = phase ? 1 : 2;
  if (level !== null && !hasId && !hasProjectData(sheet, r, layout, label)) {
    return { kind: 'section', label, level, phase, sector: phase ? null : sector, count: count ? Number(count[1]) : null };
  }
  return { kind: 'data' };
}
