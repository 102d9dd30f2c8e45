/**
 * The problem ledger (问题台账): problems raised on lagging and stalled projects, escalated one
 * level per overdue month, with notices (通报) for each monthly bulletin while overdue and
 * interviews (约谈) after the preset's number of notices ("one notice, two interviews").
 */
import { PROBLEM_LEVELS, type ProblemCategory, type ProblemLevel, type RulePreset } from '../../src/lib/schema.ts';
import type { Row } from '../lib/dataset-writer.ts';
import { addDays, daysBetween, maxDate, minDate } from './dates.ts';
import type { Profile } from './monthly.ts';
import { person } from './names.ts';
import type { Rng } from './prng.ts';

/** Per category: [problem, solution] pairs as a ledger would word them, and the usual unit. */
const TEXT: Record<ProblemCategory, { d: [string, string][]; unit: string }> = {
  land: {
    d: [
      ['项目用地指标未落实', '争取省市预留新增建设用地指标优先保障'],
      ['用地报批手续未完成', '加快组卷报批，实行并联审查'],
      ['涉及永久基本农田需调整规划', '优化用地规划，申请基本农田调整补划'],
      ['林地占用审批滞后', '同步推进林地审批，开辟绿色通道']
    ],
    unit: '自然资源局'
  },
  demolition: {
    d: [
      ['征地拆迁进展缓慢，影响施工作业面', '属地政府牵头成立征拆专班，倒排工期'],
      ['部分群众对补偿标准有异议', '依法依规开展补偿协商，做好群众工作'],
      ['坟墓迁移未完成', '属地乡镇逐户做工作，限期完成迁移'],
      ['杆线迁改未完成', '管线单位同步设计、同步施工、同步验收']
    ],
    unit: '征收办'
  },
  funding: {
    d: [
      ['项目资本金未足额到位', '督促业主落实资本金，调整资金筹措方案'],
      ['专项债券资金未及时拨付', '财政部门加快专项债券资金拨付'],
      ['银行贷款审批未通过', '协调金融机构加大信贷支持'],
      ['企业融资困难', '纳入政银企对接清单，争取政策性金融支持']
    ],
    unit: '财政局'
  },
  approvals: {
    d: [
      ['施工许可证未办理', '容缺受理、限时办结施工许可'],
      ['环评批复未取得', '指导业主完善环评报告，加快审批'],
      ['可研报告审批滞后', '可研与初步设计并联审批'],
      ['初步设计及概算未批复', '组织专家评审，限时批复'],
      ['节能审查未完成', '指导业主补充节能报告材料']
    ],
    unit: '行政审批局'
  },
  environment: {
    d: [
      ['环保督察整改要求暂停土方作业', '落实整改措施，验收后复工'],
      ['扬尘治理不达标被责令整改', '落实扬尘治理“六个百分之百”措施'],
      ['施工噪声投诉较多', '调整施工时段，加强现场监管']
    ],
    unit: '生态环境局'
  },
  utilities: {
    d: [
      ['施工用电未接入', '协调供电部门加快接入'],
      ['供水管线迁改未完成', '供水公司制定迁改方案，同步施工'],
      ['燃气管道迁改方案未确定', '召开专题会确定迁改方案'],
      ['通信管线迁改滞后', '通信运营商限期完成迁改']
    ],
    unit: '住房城乡建设局'
  },
  materials: {
    d: [
      ['砂石料供应紧张、价格上涨', '建立重大项目用材点对点供应机制'],
      ['钢材价格上涨导致施工单位进度放缓', '按合同约定启动价格调差，督促施工单位增加投入'],
      ['商品混凝土供应不足', '协调搅拌站优先保障重大项目供应']
    ],
    unit: '工业和信息化局'
  },
  other: {
    d: [
      ['施工单位组织不力，人员机械投入不足', '约谈施工单位，增加人员机械投入'],
      ['设计方案调整', '加快设计变更审查'],
      ['与周边项目施工交叉干扰', '召开专题会统筹施工组织'],
      ['受连续降雨影响工期', '优化施工组织，雨后抢工']
    ],
    unit: '发展改革委'
  }
};

export interface ProblemInput {
  projectId: string;
  phase: string;
  profile: Profile;
  stalledSince: string | null;
  actualStart: string | null;
  yearStart: string;
  asOf: string;
  unitPrefix: string;
  district: string;
  preset: RulePreset;
  /** Highest level the ladder reaches in this jurisdiction. */
  topLevel: ProblemLevel;
}

function categoryFor(rng: Rng, phase: string, stalled: boolean): ProblemCategory {
  if (phase === 'preparatory' || phase === 'new') {
    return rng.weighted<ProblemCategory>(['approvals', 'land', 'demolition', 'funding', 'utilities', 'other'], [4, 3, 2.5, 1.5, 1, 0.5]);
  }
  if (stalled) return rng.weighted<ProblemCategory>(['demolition', 'funding', 'approvals', 'environment', 'other'], [3, 3, 1, 1, 1]);
  return rng.weighted<ProblemCategory>(
    ['funding', 'demolition', 'materials', 'utilities', 'environment', 'land', 'other'],
    [3, 2.5, 1.5, 1.5, 1, 1, 1]
  );
}

/** Notices: one per monthly bulletin (end of month) between the deadline and the close or as-of day. */
export function noticesBetween(deadline: string, until: string): number {
  let n = 0;
  let d = deadline;
  while (true) {
    const y = Number(d.slice(0, 4));
    const m = Number(d.slice(5, 7));
    const bulletin = `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`;
    if (bulletin > until) break;
    n++;
    d = bulletin;
  }
  return n;
}

/** Notices after which the county 2023 ladder holds an interview, for plans whose ladder counts no notices (the generator's choice). */
const BORROWED_INTERVIEWS = [2, 3];

/** Interviews held after `notices` notices: one per interview step of the preset's ladder reached by notices. */
export function interviewsFor(notices: number, preset: RulePreset): number {
  const steps = (preset.escalation?.steps ?? []).flatMap((s) =>
    s.action === 'interview' && s.when.kind === 'notices' ? [s.when.notices] : []
  );
  return (steps.length ? steps : BORROWED_INTERVIEWS).filter((n) => notices >= n).length;
}

export function generateProblems(rng: Rng, inp: ProblemInput, nextId: () => string): Row[] {
  const p = inp.stalledSince
    ? 1
    : { leader: 0.05, normal: 0.14, laggard: 0.55, stalled: 0.8 }[inp.profile] + (inp.phase === 'preparatory' ? 0.15 : 0);
  if (!rng.chance(p)) return [];
  const count = inp.stalledSince ? rng.int(1, 2) : rng.weighted([1, 2, 3], [0.7, 0.22, 0.08]);
  const rows: Row[] = [];
  const top = PROBLEM_LEVELS.indexOf(inp.topLevel);
  for (let k = 0; k < count; k++) {
    const stalledOne = inp.stalledSince !== null && k === 0;
    const cat = categoryFor(rng, inp.phase, stalledOne);
    const earliest = maxDate(inp.yearStart, inp.actualStart && inp.phase === 'new' ? addDays(inp.actualStart, -30) : inp.yearStart);
    const raised = stalledOne
      ? minDate(inp.asOf, addDays(inp.stalledSince!, rng.int(3, 20)))
      : addDays(earliest, rng.int(0, Math.max(0, daysBetween(earliest, addDays(inp.asOf, -3)))));
    const deadline = addDays(raised, rng.weighted([15, 30, 45, 60], [2, 4, 2, 1]));
    const age = daysBetween(raised, inp.asOf);
    // Older problems are more likely solved; stalled ones stay open.
    const solvedP = stalledOne ? 0.05 : Math.min(0.85, age / 150);
    let status: string;
    let closedOn: string | null = null;
    const r = rng.float();
    if (r < solvedP) {
      const solvedOn = addDays(raised, rng.int(7, Math.max(8, Math.min(age, 120))));
      if (solvedOn <= inp.asOf && rng.chance(0.75)) {
        status = 'closed';
        closedOn = solvedOn;
      } else status = 'resolved';
    } else {
      status = age < 7 ? 'open' : deadline < inp.asOf ? 'supervised' : rng.chance(0.2) ? 'open' : 'assigned';
    }
    const until = closedOn ?? inp.asOf;
    const notices = status === 'resolved' ? Math.min(noticesBetween(deadline, inp.asOf), rng.int(0, 1)) : noticesBetween(deadline, until);
    const startLevel = rng.weighted([0, 1], [0.6, 0.4]);
    const level = PROBLEM_LEVELS[Math.min(top, startLevel + notices)];
    const t = TEXT[cat];
    const [text, fix] = rng.pick(t.d);
    rows.push({
      id: nextId(),
      project_id: inp.projectId,
      raised_on: raised,
      category: cat,
      level,
      description: text,
      responsible_unit: rng.chance(0.35) ? `${inp.district}人民政府` : inp.unitPrefix + t.unit,
      responsible_person: person(rng),
      solution: status === 'open' ? null : fix,
      deadline,
      status,
      closed_on: closedOn,
      notices,
      interviews: interviewsFor(notices, inp.preset)
    });
  }
  return rows;
}
