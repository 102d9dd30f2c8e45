/** Project names, owners and units that read like the ones in the plans. */
import type { Sector } from '../../src/lib/schema.ts';
import type { Rng } from './prng.ts';
import { COUNTY_ROADS, PLACES } from './places.ts';
import { SECTOR_UNITS, personName, type Vocab } from './vocab.ts';

export interface NameContext {
  rng: Rng;
  v: Vocab;
  /** District name as written in a plan (e.g. 柳南区, 融安县). */
  district: string;
  /** District admin code, for its towns, areas and scenic spots. */
  code: string;
  /** Whether the district is part of the city proper (city-level areas and roads apply). */
  core: boolean;
  year: number;
}

const places = (c: NameContext) => PLACES[c.code];
const town = (c: NameContext) => c.rng.pick(places(c)?.towns ?? c.v.towns);
const bareTown = (c: NameContext) => town(c).replace(/(镇|乡|街道)$/, '');
const area = (c: NameContext) => {
  const a = places(c)?.areas;
  return a?.length ? c.rng.pick(a) : c.rng.pick(['工业园区', '经济开发区', '城区']);
};
const road = (c: NameContext) => c.rng.pick(c.core ? c.v.roads : COUNTY_ROADS);
const scenic = (c: NameContext) => {
  const s = places(c)?.scenic;
  return s?.length ? c.rng.pick(s) : c.rng.pick(['生态旅游区', '森林公园', '田园综合体']);
};
/** "柳州市" in the city proper, else the county's own name. */
const where = (c: NameContext) => (c.core ? c.v.city : c.district);
/** An area with its owner's prefix: "柳州市柳东新区", "融安县工业园区". */
const placeArea = (c: NameContext) => {
  const a = area(c);
  return a.startsWith(c.district) || a.startsWith(c.v.short) ? a : `${where(c)}${a}`;
};

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
    t((c) => `${placeArea(c)}${road(c)}道路工程`, { linear: [1.5, 6] }),
    t((c) => `${c.district}${road(c)}（${town(c)}段）改扩建工程`, { linear: [1, 5] }),
    t((c) => `${c.v.short === c.district.slice(0, 2) ? c.district : c.v.short}至${bareTown(c)}公路${c.district}段工程`, {
      linear: [4, 15]
    }),
    t((c) => `${c.district}城区供水管网改造工程`, { linear: [2, 8] }),
    t((c) => `${placeArea(c)}地下综合管廊工程`, { linear: [1.5, 5] }),
    t((c) => `${c.district}${town(c)}220千伏输变电工程`),
    t((c) => `${where(c)}${road(c)}立交桥工程`),
    t((c) => `${c.district}${town(c)}客运综合枢纽项目`),
    t((c) => `${c.district}${bareTown(c)}水库工程`),
    t((c) => `${c.district}城乡供水一体化工程`, { linear: [5, 15] }),
    t((c) => `${placeArea(c)}停车场及充电桩建设项目`),
    t((c) => `${c.district}${c.rng.pick(c.v.rivers)}大桥工程`),
    t((c) => `${c.district}天然气支线管道工程`, { linear: [6, 20] }),
    t((c) => `${placeArea(c)}片区路网工程（${c.rng.pick(nth)}期）`, { linear: [2, 6] })
  ],
  industry: [
    t((c) => `${c.rng.pick(c.v.brands)}${c.rng.pick(c.v.products)}生产基地项目`, { company: true }),
    t((c) => `${placeArea(c)}${c.rng.pick(c.v.products)}产业园项目`, { company: true }),
    t((c) => `${c.rng.pick(c.v.brands)}年产${c.rng.int(2, 60) * 5}万件${c.rng.pick(c.v.products)}项目`, { company: true }),
    t((c) => `${c.district}${c.rng.pick(c.v.products)}智能制造项目`, { company: true }),
    t((c) => `${placeArea(c)}标准厂房建设项目（${c.rng.pick(nth)}期）`),
    t((c) => `${c.district}${town(c)}现代农业产业示范园项目`, { company: true }),
    t((c) => `${c.district}${scenic(c)}文旅综合开发项目`, { company: true }),
    t((c) => `${placeArea(c)}冷链物流园项目`, { company: true }),
    t((c) => `${c.rng.pick(c.v.brands)}${c.rng.pick(c.v.products)}技术改造项目`, { company: true }),
    t((c) => `${c.district}数字经济产业园项目`, { company: true })
  ],
  livelihood: [
    t((c) =>
      c.core ? `${c.v.city}第${c.rng.int(2, 45)}中学新建工程` : `${c.district}第${c.rng.pick(['二', '三', '四', '五', '六'])}中学新建工程`
    ),
    t((c) => `${c.district}${town(c)}中学新建工程`),
    t(
      (c) =>
        `${where(c)}${c.rng.pick(['人民医院', '中医医院', '妇幼保健院', '第二人民医院'])}${c.rng.pick(['住院综合楼', '门急诊综合楼', '新院区', '传染病区'])}建设项目`
    ),
    t((c) => `${c.district}${town(c)}棚户区改造项目`),
    t((c) => `${c.district}${c.year}年老旧小区改造工程`),
    t((c) => `${c.district}保障性租赁住房项目（${c.rng.pick(nth)}期）`),
    t((c) => `${c.district}${town(c)}养老服务中心建设项目`),
    t((c) => `${where(c)}${c.rng.pick(['全民健身中心', '体育中心', '青少年活动中心', '图书馆新馆', '博物馆'])}项目`),
    t((c) => `${c.district}职业教育实训基地项目`),
    t((c) => `${c.district}${town(c)}小学及幼儿园建设工程`)
  ],
  ecology: [
    t((c) => `${c.rng.pick(c.v.rivers)}${c.district}段综合治理工程`, { linear: [2, 10] }),
    t((c) => `${c.district}${town(c)}污水处理厂提标改造工程`),
    t((c) => `${c.district}生活垃圾焚烧发电项目`, { company: true }),
    t((c) => `${c.district}${scenic(c)}生态修复工程`),
    t((c) => `${c.district}农村人居环境整治项目`),
    t((c) => `${c.rng.pick(c.v.rivers)}流域（${c.district}）水环境综合治理项目`, { linear: [3, 12] }),
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
    ? `${c.v.short}${c.rng.pick(c.v.brands)}${c.rng.pick(['实业', '科技', '产业发展', '投资', '控股'])}有限公司`
    : c.rng.chance(c.core ? 0.6 : 0.2)
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
  return `${personName(
    (a) => rng.pick(a),
    (p) => rng.chance(p)
  )}（${title}）`;
}

export function person(rng: Rng): string {
  return personName(
    (a) => rng.pick(a),
    (p) => rng.chance(p)
  );
}
