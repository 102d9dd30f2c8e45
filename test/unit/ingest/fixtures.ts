/** Fixtures built by the tests: district boundaries, workbooks in each real layout, temp dirs. */
import * as XLSX from '@e965/xlsx';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FeatureCollection } from 'geojson';

export function tempDir(prefix = 'ingest-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const square = (lon: number, lat: number) => ({
  type: 'Polygon' as const,
  coordinates: [
    [
      [lon - 0.05, lat - 0.05],
      [lon + 0.05, lat - 0.05],
      [lon + 0.05, lat + 0.05],
      [lon - 0.05, lat + 0.05],
      [lon - 0.05, lat - 0.05]
    ]
  ]
});

export const DISTRICTS: { code: string; name: string; label: [number, number] }[] = [
  { code: '450202', name: '城中区', label: [109.41, 24.32] },
  { code: '450203', name: '鱼峰区', label: [109.45, 24.3] },
  { code: '450204', name: '柳南区', label: [109.38, 24.3] },
  { code: '450225', name: '融水苗族自治县', label: [109.26, 25.07] }
];

export function districtsGeoJSON(): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: DISTRICTS.map((d) => ({ type: 'Feature', properties: { ...d }, geometry: square(...d.label) }))
  };
}

export function writeDistricts(dir: string): string {
  const f = path.join(dir, 'districts.geojson');
  writeFileSync(f, JSON.stringify(districtsGeoJSON()));
  return f;
}

export type Cell = string | number | null | { date: string };
export interface SheetSpec {
  name: string;
  rows: Cell[][];
  merges?: string[];
}

const EPOCH = Date.UTC(1899, 11, 30);
function toSheet(spec: SheetSpec): XLSX.WorkSheet {
  const ws = XLSX.utils.aoa_to_sheet(spec.rows.map((r) => r.map((v) => (v && typeof v === 'object' ? null : v))));
  spec.rows.forEach((r, ri) =>
    r.forEach((v, ci) => {
      if (v && typeof v === 'object') {
        const [y, m, d] = v.date.split('-').map(Number);
        ws[XLSX.utils.encode_cell({ r: ri, c: ci })] = { t: 'n', v: (Date.UTC(y, m - 1, d) - EPOCH) / 86400000, z: 'yyyy-mm-dd' };
      }
    })
  );
  if (spec.merges) ws['!merges'] = spec.merges.map((m) => XLSX.utils.decode_range(m));
  return ws;
}

/** Writes a workbook as .xlsx, .xls (BIFF8) or .et (BIFF8 renamed, as WPS saves it). */
export function writeWorkbook(file: string, sheets: SheetSpec[]): string {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) XLSX.utils.book_append_sheet(wb, toSheet(s), s.name);
  const bookType = /\.(xls|et)$/i.test(file) ? 'biff8' : 'xlsx';
  writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType }));
  return file;
}

/** CSV text in UTF-8 (optionally with BOM), GB18030 or UTF-16 (with BOM) bytes. */
export function writeCsv(
  file: string,
  rows: (string | number | null)[][],
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le-bom' | 'utf-16be-bom'
): string {
  const text =
    rows
      .map((r) => r.map((v) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))).join(','))
      .join('\r\n') + '\r\n';
  let buf: Buffer;
  if (encoding === 'gb18030') buf = encodeGb18030(text);
  else if (encoding.startsWith('utf-16')) {
    buf = Buffer.from('\ufeff' + text, 'utf16le');
    if (encoding === 'utf-16be-bom') buf.swap16();
  } else buf = Buffer.concat([encoding === 'utf-8-bom' ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(text, 'utf8')]);
  writeFileSync(file, buf);
  return file;
}

/** GB18030 encoder for the test texts: builds the table from TextDecoder over the 2-byte range. */
let gbTable: Map<string, number[]> | null = null;
export function encodeGb18030(text: string): Buffer {
  if (!gbTable) {
    gbTable = new Map();
    const dec = new TextDecoder('gb18030');
    for (let a = 0x81; a <= 0xfe; a++) {
      for (let b = 0x40; b <= 0xfe; b++) {
        if (b === 0x7f) continue;
        const ch = dec.decode(Uint8Array.from([a, b]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbTable.has(ch)) gbTable.set(ch, [a, b]);
      }
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

/**
 * The Liuzhou annex layout (附表1): title, unit row, two-row header with merged groups,
 * 合计 row, phase sections with counts and subtotals, sector sections, projects.
 */
export function annexSheet(opts: { unit?: '万元' | '亿元'; year?: number } = {}): SheetSpec {
  const year = opts.year ?? 2022;
  const rows: Cell[][] = [
    [`柳州市${year}年市级层面统筹推进重大项目计划表（实施项目）`],
    [`单位：${opts.unit ?? '万元'}`],
    ['序号', '项目名称', '建设内容及规模', '县区', '投资情况', null, '建设起止年限', null, '责任单位', '项目业主', '备注'],
    [null, null, null, null, '总投资', `${year}年计划投资`, '计划开工时间', '计划竣工时间', null, null, null],
    [null, '合计', null, null, 5600, 1150, null, null, null, null, null],
    [null, '一、新开工项目（3项）', null, null, 3500, 800, null, null, null, null, null],
    [null, '（一）基础设施项目（2项）', null, null, 3000, 700, null, null, null, null, null],
    [1, '城中区道路改造工程', '改造道路3公里', '城中区', '2,000', 500, '2022.03', '2023年底', '市住建局、城中区政府', '柳州城投', null],
    [2, '鱼峰区 供水管网工程', '管网10公里', '鱼峰区', 1000, 200, { date: '2022-05-15' }, '2023-6', '市水务局', '柳州水务集团', null],
    [null, '（二）产业发展项目（1项）', null, null, 500, 100, null, null, null, null, null],
    [
      1,
      '柳南区智能制造产业园',
      '厂房5万平方米',
      '柳南',
      '５００',
      '１００',
      '2022年3月',
      '2024年',
      '柳南区政府/市工信局',
      '某某科技公司',
      null
    ],
    [null, '二、续建项目（1项）', null, null, 2100, 350, null, null, null, null, null],
    [null, '（一）民生保障项目（1项）', null, null, 2100, 350, null, null, null, null, null],
    [1, '融水县人民医院迁建', '床位500张', '融水县', 2100, 350, '2021.06', '2022.12', '融水县政府', '融水县人民医院', '重点'],
    ['注：本表金额单位为万元。']
  ];
  return {
    name: '附表1',
    rows,
    merges: ['A1:K1', 'A2:K2', 'A3:A4', 'B3:B4', 'C3:C4', 'D3:D4', 'E3:F3', 'G3:H3', 'I3:I4', 'J3:J4', 'K3:K4']
  };
}
