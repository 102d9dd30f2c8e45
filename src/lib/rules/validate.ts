/**
 * Checks a rule preset (preset-schema.ts) as it comes from JSON: meta.json, the site config or the
 * ingest CLI. An unknown key, a wrong type or a value out of range is an issue that names the key
 * path and what is allowed; a preset with any issue is refused whole, never patched.
 */
import { PHASES, PROBLEM_LEVELS, LEVELS } from '../schema.ts';
import {
  DAY_KINDS,
  ESCALATION_ACTIONS,
  LEADER_RANKS,
  LEAGUE_METRICS,
  PLAN_BASES,
  TASK_NOTICE_ITEMS,
  type LeagueMetric,
  type RulePreset
} from './preset-schema.ts';
import { bool, join, list, money, num, obj, oneOf, share, specIssue, tagged, text, type Infer, type Spec, type SpecIssue } from './spec.ts';

export type { SpecIssue as PresetIssue } from './spec.ts';

const id = text(/^[a-z0-9][a-z0-9_-]*$/, {
  en: 'an id of lower-case letters, digits, "-" and "_"',
  zh: '由小写字母、数字、"-" 和 "_" 组成的标识'
});
const localName = obj({ zh: text(), en: text() });
const days = num(1, 1000, { integer: true });
const count = num(0, 1000, { integer: true });
const leagueMetric = oneOf(Object.keys(LEAGUE_METRICS) as LeagueMetric[]);

const rag = tagged('basis', {
  points_behind: obj({ basis: oneOf(['points_behind']), green_max_points_behind: num(0, 100), amber_max_points_behind: num(0, 100) }),
  share_of_elapsed: obj({ basis: oneOf(['share_of_elapsed']), green_min_share: share, amber_min_share: share })
});

const sizeClassTarget = obj(
  {
    id,
    name: localName,
    phases: list(oneOf(PHASES), { min: 1 }),
    target: tagged('kind', {
      annual_plan_share: obj({ kind: oneOf(['annual_plan_share']), min_share: share }),
      finish_within_year: obj({ kind: oneOf(['finish_within_year']) })
    })
  },
  { min_total_wan: money, below_total_wan: money }
);

const programmeTarget = tagged('kind', {
  start_rate: obj({ id, name: localName, kind: oneOf(['start_rate']), min_share: share }, { levels: list(oneOf(LEVELS), { min: 1 }) }),
  reserve_multiple: obj({ id, name: localName, kind: oneOf(['reserve_multiple']), min_multiple: num(0, 100) }),
  annual_completed: obj(
    { id, name: localName, kind: oneOf(['annual_completed']), min_wan: money },
    { years: list(num(2000, 2100, { integer: true }), { min: 1 }) }
  )
});

const approvalLimit = obj(
  { id, name: localName, working_days: days, counts: oneOf(['each_approval', 'all_approvals']), low_risk_only: bool },
  { max_total_wan: money }
);

const stalled = obj({
  phases: list(oneOf(PHASES), { min: 1 }),
  months_without_progress: num(1, 12, { integer: true }),
  requires_approvals_done: bool,
  consequence: oneOf(['flag', 'revoke_approval_and_land_quota'])
});

const missedTargetPenalty = obj({ tolerance_points: num(0, 100), warnings_per_miss: count, demerit_points_per_miss: num(0, 100) });

const leaderThreshold = obj({ rank: oneOf(LEADER_RANKS), industry_min: money, infrastructure_min: money }, { any_min: money });

const ranking = obj(
  {
    period: oneOf(['month', 'quarter']),
    min_projects: num(1, 1000, { integer: true }),
    sequences: list(obj({ id, name: localName, unit: oneOf(['district', 'lead_unit']) }, { members: list(text(), { min: 1 }) }), {
      min: 1
    }),
    composite: obj(
      {
        items: list(obj({ metric: leagueMetric, weight: num(0, 100), score: oneOf(['value', 'rank_points']) }, { cap: num(0, 1000) }), {
          min: 1
        })
      },
      { rank_points: list(obj({ from_rank: days, to_rank: days, points: num(0, 1000) }), { min: 1 }) }
    ),
    target_met: obj({ metric: leagueMetric, min: num(-1000, 1000) })
  },
  {
    red_list: obj({ size: num(1, 100, { integer: true }), requires_target_met: bool }),
    black_list: obj({ size: num(1, 100, { integer: true }), requires_target_missed: bool })
  }
);

const escalationStep = obj(
  {
    id,
    actor: localName,
    action: oneOf(ESCALATION_ACTIONS),
    when: tagged('kind', {
      raised: obj({ kind: oneOf(['raised']) }),
      overdue: obj({ kind: oneOf(['overdue']) }),
      notices: obj({ kind: oneOf(['notices']), notices: num(1, 100, { integer: true }) }),
      days_at_previous_step: obj({ kind: oneOf(['days_at_previous_step']), days, day_kind: oneOf(DAY_KINDS) }),
      month_end: obj({ kind: oneOf(['month_end']) })
    })
  },
  { addressee: localName, level: oneOf(PROBLEM_LEVELS) }
);

const rulePreset = obj(
  {
    id,
    name: localName,
    source: text(),
    rag,
    plan_basis: oneOf(PLAN_BASES),
    reports: obj({ due_day: num(1, 31, { integer: true }), due_month: oneOf(['same', 'next']) })
  },
  {
    invented: list(text()),
    size_class_targets: list(sizeClassTarget, { min: 1 }),
    programme_targets: list(programmeTarget, { min: 1 }),
    approval_limits: list(approvalLimit, { min: 1 }),
    stalled,
    missed_target_penalty: missedTargetPenalty,
    leader_thresholds: list(leaderThreshold, { min: 1 }),
    ranking,
    escalation: obj({ steps: list(escalationStep, { min: 1 }) }),
    task_notices: obj({ items: list(oneOf(TASK_NOTICE_ITEMS), { min: 1 }), per: oneOf(['district', 'lead_unit']) }),
    bulletin: obj({ every: oneOf(['month', 'half_month']) })
  }
);

// The spec and the documented types must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const specMatchesTypes: Same<Infer<typeof rulePreset>, RulePreset> = true;
void specMatchesTypes;

function uniqueIds(items: { id: string }[] | undefined, path: string, issues: SpecIssue[]): void {
  const seen = new Set<string>();
  items?.forEach((item, i) => {
    if (seen.has(item.id))
      issues.push(
        specIssue(
          join(join(path, i), 'id'),
          { en: `"${item.id}" is used twice`, zh: `"${item.id}" 重复使用` },
          { en: 'an id not used before in the list', zh: '列表中未用过的标识' }
        )
      );
    seen.add(item.id);
  });
}

/** What the types cannot say: orders between fields, ids unique, references that must resolve. */
function crossChecks(p: RulePreset, at: string, issues: SpecIssue[]): void {
  const path = (key: string) => join(at, key);
  if (p.rag.basis === 'points_behind' && p.rag.amber_max_points_behind < p.rag.green_max_points_behind)
    issues.push(
      specIssue(
        path('rag.amber_max_points_behind'),
        {
          en: `${p.rag.amber_max_points_behind} is below green_max_points_behind`,
          zh: `${p.rag.amber_max_points_behind} 小于 green_max_points_behind`
        },
        { en: `a number from ${p.rag.green_max_points_behind} to 100`, zh: `${p.rag.green_max_points_behind} 到 100 之间的数` }
      )
    );
  if (p.rag.basis === 'share_of_elapsed' && p.rag.amber_min_share > p.rag.green_min_share)
    issues.push(
      specIssue(
        path('rag.amber_min_share'),
        { en: `${p.rag.amber_min_share} is above green_min_share`, zh: `${p.rag.amber_min_share} 大于 green_min_share` },
        { en: `a number from 0 to ${p.rag.green_min_share}`, zh: `0 到 ${p.rag.green_min_share} 之间的数` }
      )
    );
  p.size_class_targets?.forEach((t, i) => {
    if (t.min_total_wan !== undefined && t.below_total_wan !== undefined && t.below_total_wan <= t.min_total_wan)
      issues.push(
        specIssue(
          path(`size_class_targets[${i}].below_total_wan`),
          { en: `${t.below_total_wan} is not above min_total_wan`, zh: `${t.below_total_wan} 不大于 min_total_wan` },
          { en: `a number above ${t.min_total_wan}`, zh: `大于 ${t.min_total_wan} 的数` }
        )
      );
  });
  uniqueIds(p.size_class_targets, path('size_class_targets'), issues);
  uniqueIds(p.programme_targets, path('programme_targets'), issues);
  uniqueIds(p.approval_limits, path('approval_limits'), issues);
  if (p.ranking) rankingChecks(p.ranking, path('ranking'), issues);
  if (p.escalation) escalationChecks(p.escalation, path('escalation'), issues);
}

function rankingChecks(r: NonNullable<RulePreset['ranking']>, at: string, issues: SpecIssue[]): void {
  uniqueIds(r.sequences, join(at, 'sequences'), issues);
  const bands = r.composite.rank_points ?? [];
  bands.forEach((b, i) => {
    const previous = bands[i - 1];
    if (b.to_rank < b.from_rank)
      issues.push(
        specIssue(
          join(at, `composite.rank_points[${i}].to_rank`),
          { en: `${b.to_rank} is below from_rank`, zh: `${b.to_rank} 小于 from_rank` },
          { en: `a rank from ${b.from_rank}`, zh: `不小于 ${b.from_rank} 的名次` }
        )
      );
    else if (previous && b.from_rank <= previous.to_rank)
      issues.push(
        specIssue(
          join(at, `composite.rank_points[${i}].from_rank`),
          { en: `${b.from_rank} overlaps the band before`, zh: `${b.from_rank} 与上一档重叠` },
          { en: `a rank above ${previous.to_rank}`, zh: `大于 ${previous.to_rank} 的名次` }
        )
      );
  });
  const seen = new Set<string>();
  r.composite.items.forEach((item, i) => {
    if (seen.has(item.metric))
      issues.push(
        specIssue(
          join(at, `composite.items[${i}].metric`),
          { en: `"${item.metric}" is scored twice`, zh: `"${item.metric}" 重复计分` },
          { en: 'a metric not scored before', zh: '尚未计分的指标' }
        )
      );
    seen.add(item.metric);
    if (item.score === 'rank_points' && bands.length === 0)
      issues.push(
        specIssue(
          join(at, 'composite.rank_points'),
          { en: `missing, and items[${i}] scores by rank points`, zh: `缺少，而 items[${i}] 按名次得分` },
          { en: 'a list of bands { from_rank, to_rank, points }', zh: '名次档列表 { from_rank, to_rank, points }' }
        )
      );
  });
}

function escalationChecks(e: NonNullable<RulePreset['escalation']>, at: string, issues: SpecIssue[]): void {
  uniqueIds(e.steps, join(at, 'steps'), issues);
  const first = e.steps[0].when.kind;
  if (first === 'days_at_previous_step' || first === 'month_end')
    issues.push(
      specIssue(
        join(at, 'steps[0].when.kind'),
        { en: `"${first}" has no step before it`, zh: `"${first}" 之前没有环节` },
        { en: 'one of raised, overdue, notices', zh: 'raised、overdue、notices 之一' }
      )
    );
  let notices = 0;
  e.steps.forEach((s, i) => {
    if (s.when.kind !== 'notices') return;
    if (s.when.notices <= notices)
      issues.push(
        specIssue(
          join(at, `steps[${i}].when.notices`),
          { en: `${s.when.notices} is not more than a step before`, zh: `${s.when.notices} 不多于前一环节` },
          { en: `an integer above ${notices}`, zh: `大于 ${notices} 的整数` }
        )
      );
    notices = s.when.notices;
  });
  // The ladder reads the ledger's level as how far up a problem is (rules/escalation.ts): levels only go up.
  let level = -1;
  e.steps.forEach((s, i) => {
    if (s.level === undefined) return;
    const index = PROBLEM_LEVELS.indexOf(s.level);
    if (index < level)
      issues.push({
        path: join(at, `steps[${i}].level`),
        message: `"${s.level}" is lower than a step before it`,
        allowed: `one of ${PROBLEM_LEVELS.slice(level).join(', ')}`
      });
    level = Math.max(level, index);
  });
}

export type PresetCheck = { ok: true; preset: RulePreset } | { ok: false; issues: SpecIssue[] };

/**
 * Checks `value` against the preset schema; `at` prefixes every path (e.g. 'rule_preset', so an
 * issue reads `rule_preset.rag.basis`).
 */
export function checkPreset(value: unknown, at = ''): PresetCheck {
  const issues: SpecIssue[] = [];
  if (!(rulePreset as Spec<RulePreset>).check(value, at, issues)) return { ok: false, issues };
  crossChecks(value, at, issues);
  return issues.length ? { ok: false, issues } : { ok: true, preset: value };
}

/** One issue as a line: `rule_preset.rag.basis: "x" is not allowed (allowed: one of points_behind, share_of_elapsed)`. */
export function formatIssue(issue: SpecIssue): string {
  return `${issue.path || '(the preset)'}: ${issue.message} (allowed: ${issue.allowed})`;
}

/** A preset that does not fit the schema: every issue, each naming its key. */
export class PresetError extends Error {
  constructor(
    readonly issues: SpecIssue[],
    readonly where: string
  ) {
    super(`${where}: invalid rule preset\n${issues.map((i) => `  ${formatIssue(i)}`).join('\n')}`);
    this.name = 'PresetError';
  }
}

/** The preset, or a PresetError naming `where` (a file) and every issue. */
export function parsePreset(value: unknown, where: string, at = 'rule_preset'): RulePreset {
  const result = checkPreset(value, at);
  if (!result.ok) throw new PresetError(result.issues, where);
  return result.preset;
}
