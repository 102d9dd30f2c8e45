/**
 * The blank workbook districts fill in: a plan sheet with one row per project (phase, sector,
 * level, datum, approvals and 入库 chosen from drop-down lists), a monthly return sheet and
 * filling notes. SheetJS community edition does not write data validations, so they are added
 * to the sheet XML afterwards (the .xlsx is a zip; SheetJS's own CFB module reads and writes it).
 */
import * as XLSX from '@e965/xlsx';
import { writeFile } from 'node:fs/promises';
import { APPROVAL_KINDS } from '../../src/lib/schema.ts';
import { APPROVAL_STATUS_ZH, APPROVAL_ZH, LEVEL_ZH, PHASE_ZH, SECTOR_ZH, monthlyColumns } from './export.ts';
import { columnLetter } from './read-workbook.ts';
import { buildSheet, type OutColumn } from './sheet-writer.ts';

export const TEMPLATE_ROWS = 2000;

export interface ListValidation {
  sqref: string;
  values: string[];
  prompt: string;
}

export function templateColumns(year: number): { columns: OutColumn[]; lists: Record<string, string[]> } {
  const columns: OutColumn[] = [
    { header: '序号', width: 6 },
    { header: '项目编号', width: 14 },
    { header: '项目名称', width: 36 },
    { header: '项目阶段', width: 10 },
    { header: '行业类别', width: 12 },
    { header: '级别', width: 8 },
    { header: '县区', width: 10 },
    { header: '建设内容及规模', width: 40 },
    { group: '投资情况', header: '总投资' },
    { group: '投资情况', header: '截至上年底累计完成投资' },
    { group: '投资情况', header: `${year}年计划投资` },
    { header: '计划开工时间' },
    { header: '计划竣工时间' },
    { header: '责任单位', width: 24 },
    { header: '包联领导' },
    { header: '项目业主', width: 24 },
    { header: '信息员' },
    { header: '经度' },
    { header: '纬度' },
    { header: '坐标系' },
    ...APPROVAL_KINDS.map((k) => ({ group: '前期手续', header: APPROVAL_ZH[k] })),
    { header: '是否入库' },
    { header: '备注', width: 20 }
  ];
  const lists: Record<string, string[]> = {
    项目阶段: Object.values(PHASE_ZH).map((p) => p),
    行业类别: Object.values(SECTOR_ZH),
    级别: Object.values(LEVEL_ZH),
    坐标系: ['WGS-84', 'GCJ-02', 'BD-09'],
    是否入库: ['是', '否'],
    ...Object.fromEntries(APPROVAL_KINDS.map((k) => [APPROVAL_ZH[k], Object.values(APPROVAL_STATUS_ZH)]))
  };
  return { columns, lists };
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** <dataValidations> XML for list validations (inline lists, each under Excel's 255-character limit). */
export function dataValidationsXml(validations: ListValidation[]): string {
  const items = validations.map((v) => {
    const list = v.values.join(',');
    if (list.length > 255) throw new Error(`validation list too long for ${v.sqref}`);
    return `<dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="${esc('输入有误')}" error="${esc(`请从下拉列表中选择：${v.values.join('、')}`)}" promptTitle="${esc('请选择')}" prompt="${esc(v.prompt)}" sqref="${v.sqref}"><formula1>"${esc(list)}"</formula1></dataValidation>`;
  });
  return `<dataValidations count="${validations.length}">${items.join('')}</dataValidations>`;
}

/** Adds data validations to worksheets of an .xlsx buffer (path → validations). */
export function addDataValidations(xlsx: Buffer, bySheetPath: Record<string, ListValidation[]>): Buffer {
  const zip = XLSX.CFB.read(xlsx, { type: 'buffer' });
  for (const [p, validations] of Object.entries(bySheetPath)) {
    const entry = XLSX.CFB.find(zip, p.startsWith('/') ? p : `/${p}`);
    if (!entry?.content) throw new Error(`no ${p} in the workbook`);
    let xml = Buffer.from(entry.content as Uint8Array).toString('utf8');
    const dv = dataValidationsXml(validations);
    // CT_Worksheet order: … sheetData … mergeCells, phoneticPr, conditionalFormatting, dataValidations, hyperlinks …
    const anchor = xml.includes('</mergeCells>') ? '</mergeCells>' : '</sheetData>';
    if (!xml.includes(anchor)) throw new Error(`unexpected sheet XML in ${p}`);
    xml = xml.replace(anchor, anchor + dv);
    entry.content = Buffer.from(xml, 'utf8');
    entry.size = (entry.content as Buffer).length;
  }
  return Buffer.from(XLSX.CFB.write(zip, { fileType: 'zip', type: 'buffer', compression: true }) as Uint8Array);
}

export async function writeTemplate(out: string, opts: { year?: number } = {}): Promise<void> {
  const year = opts.year ?? new Date().getFullYear();
  const { columns, lists } = templateColumns(year);
  const firstData = 5; // title, unit, two header rows, then data from row 5
  const last = firstData + TEMPLATE_ROWS - 1;
  const validations: ListValidation[] = [];
  columns.forEach((c, i) => {
    const values = lists[c.header];
    if (values)
      validations.push({
        sqref: `${columnLetter(i)}${firstData}:${columnLetter(i)}${last}`,
        values,
        prompt: `${c.header}：${values.join('、')}`
      });
  });
  const wb = XLSX.utils.book_new();
  const plan = buildSheet(`${year}年重大项目计划表（填报模板）`, '单位：万元', columns, []);
  plan['!ref'] = `A1:${columnLetter(columns.length - 1)}${last}`;
  XLSX.utils.book_append_sheet(wb, plan, '项目计划');
  const mcols = monthlyColumns();
  const monthly = buildSheet(`${year}年重大项目月报（填报模板）`, '单位：万元', mcols, []);
  XLSX.utils.book_append_sheet(wb, monthly, '月报');
  const notes = XLSX.utils.aoa_to_sheet([
    ['填表说明'],
    ['1. 金额单位为万元（如填亿元，请在数字后写“亿元”），保留两位小数。'],
    ['2. 项目阶段、行业类别、级别、坐标系、前期手续、是否入库请从下拉列表中选择。'],
    ['3. 县区填写行政区名称（如“城中区”）；新区、开发区项目请按属地填写或由市重点办统一对照。多个县区用“、”分隔，第一个为主要所在地。'],
    ['4. 责任单位可填写多个，用“、”分隔，第一个为牵头单位。'],
    ['5. 日期可填写“2022年3月”“2022.03”“2022-03-15”或“2022年底”。'],
    ['6. 有坐标的请填写经纬度并选择坐标系（高德/腾讯为GCJ-02，百度为BD-09，天地图/GPS为WGS-84）；无坐标的留空，地图上按县区位置显示。'],
    ['7. 月报：每个项目每月一行，填写项目编号（或与计划表完全一致的项目名称）、月份、本月完成投资和累计完成投资。']
  ]);
  XLSX.utils.book_append_sheet(wb, notes, '填表说明');
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
  await writeFile(out, addDataValidations(buf, { 'xl/worksheets/sheet1.xml': validations }));
}
