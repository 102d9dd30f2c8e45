/**
 * A dataset back to a spreadsheet in the real annex layout: 附表1 implementation projects
 * (一、新开工项目 / （一）基础设施项目 sections with subtotals), 附表2 preparatory projects, and
 * 月报 (the monthly returns in long form). The ingest reads it back to the same figures.
 */
import * as XLSX from '@e965/xlsx';
import { writeFile } from 'node:fs/promises';
import { APPROVAL_KINDS, PHASES, SECTORS, type Phase, type Sector } from '../../src/lib/schema.ts';
import type { Row } from '../lib/dataset-writer.ts';
import { asPathError } from '../lib/fs-errors.ts';
import { readDatasetDir } from './dataset-io.ts';
import { InputError } from './errors.ts';
import { centsToMoney, moneyToCents } from './parse-amount.ts';
import { buildSheet, type OutCell, type OutColumn } from './sheet-writer.ts';

export const PHASE_ZH: Record<Phase, string> = { preparatory: '预备', new: '新开工', continuing: '续建', completion: '竣工' };
export const SECTOR_ZH: Record<Sector, string> = {
  infrastructure: '基础设施',
  industry: '产业发展',
  livelihood: '民生保障',
  ecology: '生态环保'
};
export const LEVEL_ZH = { provincial: '省级', city: '市级', county: '县级' } as const;
export const APPROVAL_ZH = {
  project: '立项',
  land: '用地',
  planning: '规划',
  eia: '环评',
  energy: '能评',
  construction: '施工许可'
} as const;
export const APPROVAL_STATUS_ZH = { done: '已完成', in_progress: '办理中', pending: '未办理', not_required: '无需办理' } as const;
export const RANK_ZH = {
  city_leader: '市领导',
  county_leader: '县领导',
  key_department: '重点部门',
  other_department: '其他部门'
} as const;
const CN = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** A number cell when the double holds the amount exactly, else the exact text (above 2^53 cents). */
const money = (v: unknown): number | string => {
  const exact = centsToMoney(moneyToCents(String(v)));
  return moneyToCents(Number(exact)) === moneyToCents(exact) ? Number(exact) : exact;
};
const date = (v: unknown): OutCell => (v ? { date: String(v) } : null);

export function planColumns(year: number): OutColumn[] {
  return [
    { header: '序号', width: 6 },
    { header: '项目编号', width: 14 },
    { header: '项目名称', width: 36 },
    { header: '建设内容及规模', width: 40 },
    { header: '县区', width: 10 },
    { header: '级别', width: 6 },
    { group: '投资情况', header: '总投资' },
    { group: '投资情况', header: '截至上年底累计完成投资' },
    { group: '投资情况', header: `${year}年计划投资` },
    { group: '建设起止年限', header: '计划开工时间' },
    { group: '建设起止年限', header: '计划竣工时间' },
    { header: '实际开工时间' },
    { header: '实际竣工时间' },
    { header: '责任单位', width: 24 },
    { header: '包联领导' },
    { header: '项目业主', width: 24 },
    { header: '信息员' },
    ...['中央预算内', '专项债', '银行贷款', '社会资本', '其他'].map((h) => ({ group: '资金来源', header: h })),
    ...APPROVAL_KINDS.map((k) => ({ group: '前期手续', header: APPROVAL_ZH[k] })),
    { header: '是否入库' },
    { header: '批次' },
    { header: '退出时间' },
    { header: '经度（WGS-84）' },
    { header: '纬度（WGS-84）' },
    { header: '定位方式' },
    { header: '线路走向（GeoJSON）', width: 20 },
    { header: '领导层级' },
    { header: '备注', width: 20 }
  ];
}

function projectCells(p: Row, seq: number): OutCell[] {
  const located = p.location_precision !== 'district';
  return [
    seq,
    String(p.id),
    String(p.name),
    (p.description as string | null) ?? null,
    String(p.district_name),
    LEVEL_ZH[p.level as keyof typeof LEVEL_ZH],
    money(p.total_investment),
    money(p.invested_before),
    money(p.annual_plan),
    date(p.planned_start),
    date(p.planned_completion),
    date(p.actual_start),
    date(p.actual_completion),
    String(p.responsible_units ?? '') || null,
    (p.lead_official as string | null) ?? null,
    String(p.owner ?? '') || null,
    (p.info_officer as string | null) ?? null,
    money(p.funding_central_budget),
    money(p.funding_special_bonds),
    money(p.funding_bank_loans),
    money(p.funding_private_capital),
    money(p.funding_other),
    ...APPROVAL_KINDS.map((k) => {
      const st = p[`approval_${k}`] as keyof typeof APPROVAL_STATUS_ZH;
      const d = p[`approval_${k}_date`];
      return st === 'done' && d ? date(d) : APPROVAL_STATUS_ZH[st];
    }),
    p.stat_registered ? '是' : '否',
    p.batch === 'initial' ? '首批' : `第${String(p.batch).replace('supplement-', '')}批增补`,
    date(p.exited_on),
    located ? Number(p.lon) : null,
    located ? Number(p.lat) : null,
    located ? (p.location_precision === 'geocoded' ? '地理编码' : '实测') : null,
    (p.geometry as string | null) ?? null,
    p.lead_official_rank ? RANK_ZH[p.lead_official_rank as keyof typeof RANK_ZH] : null,
    (p.internal_note as string | null) ?? null
  ];
}

function sums(rows: Row[]) {
  const c = (k: string) => rows.reduce((s, p) => s + moneyToCents(String(p[k])), 0n);
  return { total: c('total_investment'), before: c('invested_before'), annual: c('annual_plan') };
}

function labelRow(width: number, label: string, rows: Row[]): OutCell[] {
  const s = sums(rows);
  const cells: OutCell[] = new Array(width).fill(null);
  cells[2] = label;
  cells[6] = money(centsToMoney(s.total));
  cells[7] = money(centsToMoney(s.before));
  cells[8] = money(centsToMoney(s.annual));
  return cells;
}

/** Rows of one annex: a 合计 row, then phase sections, sector sections and projects. */
export function annexRows(projects: Row[], phases: readonly Phase[], width: number): OutCell[][] {
  const out: OutCell[][] = [
    labelRow(
      width,
      '合计',
      projects.filter((p) => phases.includes(p.phase as Phase))
    )
  ];
  let pi = 0;
  for (const phase of phases) {
    const inPhase = projects.filter((p) => p.phase === phase);
    if (!inPhase.length) continue;
    if (phases.length > 1) out.push(labelRow(width, `${CN[pi++]}、${PHASE_ZH[phase]}项目（${inPhase.length}项）`, inPhase));
    let si = 0;
    let seq = 0;
    for (const sector of SECTORS) {
      const rows = inPhase.filter((p) => p.sector === sector).sort((a, b) => String(a.id).localeCompare(String(b.id)));
      if (!rows.length) continue;
      out.push(labelRow(width, `（${CN[si++]}）${SECTOR_ZH[sector]}项目（${rows.length}项）`, rows));
      for (const p of rows) out.push(projectCells(p, ++seq));
    }
  }
  return out;
}

export function monthlyColumns(): OutColumn[] {
  return [
    { header: '项目编号', width: 14 },
    { header: '项目名称', width: 36 },
    { header: '月份', width: 10 },
    { header: '本月完成投资' },
    { header: '累计完成投资' },
    { header: '累计计划投资' },
    { header: '形象进度（%）' },
    { header: '形象进度说明', width: 24 },
    { header: '填报日期' },
    { header: '备注' }
  ];
}

export async function exportDataset(dir: string, out: string): Promise<number> {
  const ds = await readDatasetDir(dir);
  if (!ds.projects) throw new InputError(dir, 'not a dataset directory (no projects.parquet)');
  const year = ds.meta?.year ?? new Date().getFullYear();
  const name = ds.meta?.name.zh ?? dir;
  const cols = planColumns(year);
  const wb = XLSX.utils.book_new();
  const impl = PHASES.filter((p) => p !== 'preparatory');
  XLSX.utils.book_append_sheet(
    wb,
    buildSheet(`${name}计划表（实施项目）`, '单位：万元', cols, annexRows(ds.projects, impl, cols.length)),
    '附表1 实施项目'
  );
  const prep = ds.projects.filter((p) => p.phase === 'preparatory');
  if (prep.length) {
    const rows = annexRows(prep, ['preparatory'], cols.length);
    XLSX.utils.book_append_sheet(wb, buildSheet(`${name}计划表（预备项目）`, '单位：万元', cols, rows), '附表2 预备项目');
  }
  if (ds.monthly?.length) {
    const names = new Map(ds.projects.map((p) => [String(p.id), String(p.name)]));
    const rows: OutCell[][] = ds.monthly.map((m) => [
      String(m.project_id),
      names.get(String(m.project_id)) ?? null,
      `${String(m.month).slice(0, 4)}年${Number(String(m.month).slice(5, 7))}月`,
      money(m.completed_month),
      money(m.completed_ytd),
      money(m.planned_ytd),
      Number(m.physical_progress),
      (m.physical_note as string | null) ?? null,
      m.reported_on ? date(m.reported_on) : '未报',
      (m.note as string | null) ?? null
    ]);
    XLSX.utils.book_append_sheet(wb, buildSheet(`${name}月报`, '单位：万元', monthlyColumns(), rows), '月报');
  }
  const buf = XLSX.write(wb, { type: 'buffer', bookType: /\.xls$/i.test(out) || /\.et$/i.test(out) ? 'biff8' : 'xlsx' });
  await writeFile(out, buf).catch((err) => {
    throw asPathError(err, { path: out, action: 'write', subject: 'the spreadsheet' });
  });
  return ds.projects.length;
}
