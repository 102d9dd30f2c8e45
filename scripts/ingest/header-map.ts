/**
 * Header synonyms: which dataset field a column holds, whatever the district called it
 * (项目名称 / 名称, 总投资 / 总投资（万元）, 2022年计划投资 / 年度计划投资 ...). Units and
 * coordinate datums written in a header ("（亿元）", "经度（GCJ-02）") are taken from it.
 */
import { APPROVAL_KINDS, type ApprovalKind } from '../../src/lib/schema.ts';
import type { AmountUnit } from './parse-amount.ts';
import { headerKey } from './text.ts';

export type Datum = 'wgs84' | 'gcj02' | 'bd09';

export type Field =
  | 'seq'
  | 'id'
  | 'name'
  | 'district'
  | 'district_code'
  | 'total'
  | 'annual'
  | 'invested_before'
  | 'description'
  | 'planned_start'
  | 'planned_completion'
  | 'span'
  | 'actual_start'
  | 'actual_completion'
  | 'responsible_units'
  | 'lead_official'
  | 'owner'
  | 'info_officer'
  | 'phase'
  | 'sector'
  | 'category'
  | 'level'
  | 'lon'
  | 'lat'
  | 'coords'
  | 'datum'
  | 'location_precision'
  | 'geometry'
  | 'lead_official_rank'
  | 'batch'
  | 'note'
  | 'stat_registered'
  | 'exited_on'
  | 'funding_central_budget'
  | 'funding_special_bonds'
  | 'funding_bank_loans'
  | 'funding_private_capital'
  | 'funding_other'
  | `approval_${ApprovalKind}`
  // monthly returns
  | 'month'
  | 'completed_month'
  | 'completed_ytd'
  | 'planned_ytd'
  | 'physical_progress'
  | 'physical_note'
  | 'reported_on';

export interface ColumnMeaning {
  field: Field | 'month_amount';
  /** Unit declared in the header, if any. */
  unit?: AmountUnit;
  datum?: Datum;
  /** Plan year read from a header such as "2022年计划投资". */
  year?: number;
  /** Month (1–12) of a wide monthly column such as "3月" or "2022年3月完成投资". */
  monthOfYear?: number;
  /** Wide monthly columns that hold a cumulative figure ("1-3月累计"). */
  cumulative?: boolean;
}

type Rule = [RegExp, Field];

const PLAN_RULES: Rule[] = [
  [/^(序号|序|No\.?|NO\.?)$/, 'seq'],
  [/^(项目编号|项目代码|项目ID|项目id|项目编码|统一项目代码|项目统一代码|ID|id|项目库编号)$/, 'id'],
  [/^(项目名称|名称|项目|项目名|工程名称)$/, 'name'],
  [/^(县区代码|区划代码|行政区划代码|县区编码)$/, 'district_code'],
  [
    /^(所在|所属)?(县区|县\(区\)|县\(市、区\)|县\(市\)区|县市区|县\(市区\)|区县|区域|地区|辖区|属地|所在地|地点|建设地点|建设地址|项目地址|项目所在地)$/,
    'district'
  ],
  [/^(项目)?(计划)?总投资(额)?$/, 'total'],
  [/^(\d{4})年(度)?计划(完成)?投资(额)?$/, 'annual'],
  [/^(\d{4})年(度)?投资(计划|目标|任务)$/, 'annual'],
  [/^(年度|本年|本年度|当年)?计划(完成)?投资(额)?$/, 'annual'],
  [/^(年度|本年度?)投资(计划|目标|任务)$/, 'annual'],
  [/^年度计划$/, 'annual'],
  [/^(截至|截止|至)?(\d{4}年底|\d{4}年末|上年底|上年末|去年底)(累计)?(已)?完成(投资)?$/, 'invested_before'],
  [/^(以前年度|往年|开工以来)(累计)?完成(投资)?$/, 'invested_before'],
  [/^(主要)?建设(内容|规模)(及|和|与|、)?(规模|内容)?$/, 'description'],
  [/^项目(建设)?(内容|简介|概况)$/, 'description'],
  [/^(计划)?开工(时间|年月|日期|年份)$/, 'planned_start'],
  [/^(计划)?(竣工|完工|建成)(时间|年月|日期|年份)$/, 'planned_completion'],
  [/^实际开工(时间|日期)$/, 'actual_start'],
  [/^实际(竣工|完工)(时间|日期)$/, 'actual_completion'],
  [/^(建设)?(起止|起讫)(年限|时间|年月|年份)$/, 'span'],
  [/^建设(年限|期限|周期)$/, 'span'],
  [/^(责任单位|牵头单位|责任部门|牵头部门|主管部门|责任单位\(牵头单位\)|牵头责任单位)$/, 'responsible_units'],
  [/^(包联|领办|联系|责任|挂点|牵头|分管|包挂)(市)?领导$/, 'lead_official'],
  [/^(项目业主|业主单位|业主|建设单位|项目单位|实施单位|实施主体|建设主体|项目法人|项目业主单位)$/, 'owner'],
  [/^信息员/, 'info_officer'],
  [/^(建设性质|项目阶段|阶段|项目性质|计划类别|项目分类)$/, 'phase'],
  [/^(行业|行业类别|行业分类|所属行业|领域|所属领域|项目类型|行业类型|产业类别)$/, 'sector'],
  [/^(类别|类型|项目类别|分类)$/, 'category'],
  [/^(项目)?(级别|层级|等级|层次)$/, 'level'],
  [/^(经度|东经|坐标经度|中心点经度|X坐标|lon|lng|longitude)$/i, 'lon'],
  [/^(纬度|北纬|坐标纬度|中心点纬度|Y坐标|lat|latitude)$/i, 'lat'],
  [/^(坐标|经纬度|中心点坐标|项目坐标|经纬度坐标|位置坐标)$/, 'coords'],
  [/^(坐标系|坐标系统|坐标类型)$/, 'datum'],
  [/^(定位方式|定位精度|位置精度|坐标来源)$/, 'location_precision'],
  [/^(线路走向|线路坐标|几何|几何形状|geometry)(\(GeoJSON\))?$/i, 'geometry'],
  [/^(包联|领办)?领导(层级|级别|职级)$/, 'lead_official_rank'],
  [/^(退出时间|退出日期)$/, 'exited_on'],
  [/^(批次|项目批次|入选批次)$/, 'batch'],
  [/^(备注|说明|附注)$/, 'note'],
  [/^(是否)?(入库|入统|纳统|已入库|纳入统计)$/, 'stat_registered'],
  [/^(中央预算内|中央预算内投资|中央预算内资金|中央资金)$/, 'funding_central_budget'],
  [/^(专项债|专项债券|地方政府专项债券?|专项债资金)$/, 'funding_special_bonds'],
  [/^(银行贷款|贷款|金融机构贷款)$/, 'funding_bank_loans'],
  [/^(社会资本|民间投资|企业自筹|自筹资金|社会投资)$/, 'funding_private_capital'],
  [/^(其他|其他资金|其它|其它资金)$/, 'funding_other'],
  [/^(立项|项目审批|审批核准备案|立项审批|项目立项)$/, 'approval_project'],
  [/^(用地|用地预审|土地|用地手续|用地审批)$/, 'approval_land'],
  [/^(规划|规划许可|规划选址|规划手续)$/, 'approval_planning'],
  [/^(环评|环境影响评价|环评审批)$/, 'approval_eia'],
  [/^(能评|节能审查|节能评估)$/, 'approval_energy'],
  [/^(施工许可|施工许可证)$/, 'approval_construction']
];

const MONTHLY_RULES: Rule[] = [
  [/^(月份|填报月份|报告月份|所属月份|月度|年月|统计月份|报表月份|时间)$/, 'month'],
  [/^(本月|当月|月度)完成(投资)?(额)?$/, 'completed_month'],
  [/^(本年|自年初|年初至今|今年|年度)?累计完成(投资)?(额)?$/, 'completed_ytd'],
  [/^1-\d{1,2}月(累计)?完成(投资)?$/, 'completed_ytd'],
  [/^(累计计划|计划累计|序时计划|序时进度计划)(投资)?$/, 'planned_ytd'],
  [/^形象进度$/, 'physical_progress'],
  [/^(形象进度说明|形象进度描述|工程进度|进展情况|项目进展)$/, 'physical_note'],
  [/^(填报|报送|上报)(日期|时间)$/, 'reported_on']
];

function unitOf(key: string): AmountUnit | undefined {
  const m = /\((万元|亿元|元|万|亿)\)|(万元|亿元)$/.exec(key);
  if (!m) return undefined;
  const u = m[1] ?? m[2];
  return u.startsWith('亿') ? '亿元' : u.startsWith('万') ? '万元' : '元';
}

export function datumOf(text: string): Datum | undefined {
  const k = headerKey(text).toUpperCase();
  if (/BD-?09|百度/.test(k)) return 'bd09';
  if (/GCJ-?02|火星|高德|腾讯/.test(k)) return 'gcj02';
  if (/WGS-?84|CGCS|2000|GPS|天地图/.test(k)) return 'wgs84';
  return undefined;
}

/** Header text without units, datum or percent marks, for matching. */
export function headerBase(text: string): string {
  return headerKey(text)
    .replace(/\((万元|亿元|元|万|亿|%|％|个|项)\)/g, '')
    .replace(/\((WGS-?84|GCJ-?02|BD-?09|CGCS2000|百度|高德|火星坐标系?)\)/gi, '')
    .replace(/(万元|亿元|%)$/, '');
}

/** Meaning of one column given its header (and the merged group header above it, if any). */
export function mapHeader(label: string, mode: 'plan' | 'monthly', parent?: string): ColumnMeaning | null {
  const key = headerKey(label);
  const base = headerBase(label);
  if (!base) return null;
  const unit = unitOf(key) ?? (parent ? unitOf(headerKey(parent)) : undefined);
  const datum = datumOf(label) ?? (parent ? datumOf(parent) : undefined);
  if (mode === 'monthly') {
    const wide = /^(?:(\d{4})年)?(?:1-)?(\d{1,2})月(份)?(累计)?(完成)?(投资)?(额)?$/.exec(base);
    if (wide && Number(wide[2]) >= 1 && Number(wide[2]) <= 12) {
      return {
        field: 'month_amount',
        unit,
        monthOfYear: Number(wide[2]),
        year: wide[1] ? Number(wide[1]) : undefined,
        cumulative: !!wide[4] || /^1-/.test(base)
      };
    }
    for (const [re, field] of MONTHLY_RULES) if (re.test(base)) return { field, unit };
  }
  // approvals and funding only count as such when their group header says so or the name is unambiguous
  const group = parent ? headerBase(parent) : '';
  for (const [re, field] of PLAN_RULES) {
    const m = re.exec(base);
    if (!m) continue;
    if (
      field.startsWith('funding_') &&
      field !== 'funding_central_budget' &&
      field !== 'funding_special_bonds' &&
      !/资金|来源|筹措|构成/.test(group)
    )
      continue;
    if (
      field.startsWith('approval_') &&
      !/手续|审批|前期|要件|许可/.test(group) &&
      field !== 'approval_eia' &&
      field !== 'approval_construction'
    )
      continue;
    const year = field === 'annual' && /^\d{4}/.test(base) ? Number(base.slice(0, 4)) : undefined;
    return { field, unit, datum, ...(year ? { year } : {}) };
  }
  return null;
}

export const APPROVAL_FIELDS = APPROVAL_KINDS.map((k) => `approval_${k}` as const);
