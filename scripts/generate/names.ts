/** Project names, owners and units that read like the ones in the plans. */
import type { Sector } from '../../src/lib/schema.ts';
import type { Rng } from './prng.ts';
import { SECTOR_UNITS, personName, type Vocab } from './vocab.ts';

export interface NameContext {
  rng: Rng;
  v: Vocab;
  /** District name as written in a plan (e.g. 柳南区, 融安县). */
  district: string;
  year: number;
}

export interface Template {
  make: (c: NameContext) => string;
  /** Roads, pipelines, rivers: gets a LineString. */
  linear?: [number, number]; // length range in km
  /** Industrial projects are owned by companies; public works by investment companies. */
  company?: boolean;
}

const nth = ['一', '二', '三', '四', '五'];
const t = (make: Template['make'], extra: Omit<Template, 'make'> = {}): Template => ({ make, ...extra });

export const TEMPLATES: Record<Sector, Template[]> = {
  infrastructure: [
    t((c) => `${c.v.city}${c.rng.pick(c.v.areas)}${c.rng.pick(c.v.roads)}道路工程`, { linear: [1.5, 6] }),
    t((c) => `${c.district}${c.rng.pick(c.v.roads)}（${c.rng.pick(c.v.towns)}段）改扩建工程`, { linear: [1, 5] }),
    t((c) => `${c.v.short}至${c.rng.pick(c.v.towns).replace(/(镇|乡|街道)$/, '')}公路${c.district}段工程`, { linear: [4, 15] }),
    t((c) => `${c.district}城区供水管网改造工程`, { linear: [2, 8] }),
    t((c) => `${c.v.city}${c.rng.pick(c.v.areas)}地下综合管廊工程`, { linear: [1.5, 5] }),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}220千伏输变电工程`),
    t((c) => `${c.v.city}${c.rng.pick(c.v.roads)}立交桥工程`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}客运综合枢纽项目`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns).replace(/(镇|乡|街道)$/, '')}水库工程`),
    t((c) => `${c.district}城乡供水一体化工程`, { linear: [5, 15] }),
    t((c) => `${c.v.city}${c.rng.pick(c.v.areas)}停车场及充电桩建设项目`),
    t((c) => `${c.district}${c.rng.pick(c.v.rivers)}大桥工程`),
    t((c) => `${c.district}天然气支线管道工程`, { linear: [6, 20] }),
    t((c) => `${c.v.city}${c.rng.pick(c.v.areas)}片区路网工程（${c.rng.pick(nth)}期）`, { linear: [2, 6] })
  ],
  industry: [
    t((c) => `${c.rng.pick(c.v.brands)}${c.rng.pick(c.v.products)}生产基地项目`, { company: true }),
    t((c) => `${c.rng.pick(c.v.areas)}${c.rng.pick(c.v.products)}产业园项目`, { company: true }),
    t((c) => `${c.rng.pick(c.v.brands)}年产${c.rng.int(2, 60) * 5}万件${c.rng.pick(c.v.products)}项目`, { company: true }),
    t((c) => `${c.district}${c.rng.pick(c.v.products)}智能制造项目`, { company: true }),
    t((c) => `${c.rng.pick(c.v.areas)}标准厂房建设项目（${c.rng.pick(nth)}期）`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}现代农业产业示范园项目`, { company: true }),
    t((c) => `${c.district}${c.rng.pick(c.v.mountains)}文旅综合开发项目`, { company: true }),
    t((c) => `${c.v.short}${c.rng.pick(c.v.areas)}冷链物流园项目`, { company: true }),
    t((c) => `${c.rng.pick(c.v.brands)}${c.rng.pick(c.v.products)}技术改造项目`, { company: true }),
    t((c) => `${c.district}数字经济产业园项目`, { company: true })
  ],
  livelihood: [
    t((c) => `${c.v.city}第${c.rng.int(2, 45)}中学新建工程`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}中学新建工程`),
    t((c) => `${c.v.city}${c.rng.pick(['人民医院', '中医医院', '妇幼保健院', '第二人民医院', '第三人民医院'])}${c.rng.pick(['住院综合楼', '门急诊综合楼', '新院区', '传染病区'])}建设项目`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}棚户区改造项目`),
    t((c) => `${c.district}${c.year}年老旧小区改造工程`),
    t((c) => `${c.district}保障性租赁住房项目（${c.rng.pick(nth)}期）`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}养老服务中心建设项目`),
    t((c) => `${c.v.city}${c.rng.pick(['全民健身中心', '体育中心', '青少年活动中心', '图书馆新馆', '博物馆'])}项目`),
    t((c) => `${c.district}职业教育实训基地项目`),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}小学及幼儿园建设工程`)
  ],
  ecology: [
    t((c) => `${c.rng.pick(c.v.rivers)}${c.district}段综合治理工程`, { linear: [2, 10] }),
    t((c) => `${c.district}${c.rng.pick(c.v.towns)}污水处理厂提标改造工程`),
    t((c) => `${c.district}生活垃圾焚烧发电项目`, { company: true }),
    t((c) => `${c.district}${c.rng.pick(c.v.mountains)}生态修复工程`),
    t((c) => `${c.district}农村人居环境整治项目`),
    t((c) => `${c.rng.pick(c.v.rivers)}流域水环境综合治理项目`, { linear: [3, 12] }),
    t((c) => `${c.district}城区雨污分流改造工程`, { linear: [2, 6] }),
    t((c) => `${c.district}国土绿化及森林质量提升项目`)
  ]
};

export interface NamedProject {
  name: string;
  linear?: [number, number];
  owner: string;
  units: string[];
}

const SUFFIX = ['（二期）', '（三期）', '（续建）', '（扩建）', '（A区）', '（B区）'];

/** Names one project; `taken` keeps names unique within a dataset. */
export function nameProject(c: NameContext, sector: Sector, taken: Set<string>): NamedProject {
  const tpl = c.rng.pick(TEMPLATES[sector]);
  let name = tpl.make(c);
  for (let i = 0; taken.has(name); i++) {
    name = i < SUFFIX.length ? tpl.make(c) + (i > 2 ? SUFFIX[i] : '') : `${tpl.make(c)}（${i + 2}号地块）`;
  }
  taken.add(name);
  const owner = tpl.company
    ? `${c.v.short === '县' ? '' : c.v.short}${c.rng.pick(c.v.brands)}${c.rng.pick(['实业', '科技', '产业发展', '投资', '控股'])}有限公司`
    : c.rng.chance(0.55)
      ? c.rng.pick(c.v.cityOwners)
      : `${c.district}${c.rng.pick(['城市建设投资有限责任公司', '城乡建设发展有限公司', '国有资产投资经营有限公司'])}`;
  const pool = SECTOR_UNITS[sector].map((u) => c.v.unitPrefix + u);
  const n = c.rng.weighted([1, 2, 3], [0.45, 0.4, 0.15]);
  const units: string[] = [];
  const startWithDistrict = c.rng.chance(0.3);
  if (startWithDistrict) units.push(`${c.district}人民政府`);
  while (units.length < n) {
    const u = c.rng.chance(0.1) && c.v.extraUnits.length ? c.rng.pick(c.v.extraUnits) : c.rng.pick(pool);
    if (!units.includes(u)) units.push(u);
  }
  if (!startWithDistrict && c.rng.chance(0.35)) units.push(`${c.district}人民政府`);
  return { name, linear: tpl.linear, owner, units };
}

export function official(rng: Rng, title: string): string {
  return `${personName((a) => rng.pick(a), (p) => rng.chance(p))}（${title}）`;
}

export function person(rng: Rng): string {
  return personName((a) => rng.pick(a), (p) => rng.chance(p));
}
