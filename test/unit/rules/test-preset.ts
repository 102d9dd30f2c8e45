import type { RulePreset } from '../../../src/lib/rules/preset-schema.ts';

/** A minimal valid preset: RAG amber up to `amberPoints` behind, reports due on `dueDay` of the next (or same) month, monthly targets used where given. */
export function testPreset(id = 'test', o: { amberPoints?: number; dueDay?: number; dueMonth?: 'same' | 'next' } = {}): RulePreset {
  return {
    id,
    name: { zh: '测试', en: 'Test' },
    source: 'test',
    rag: { basis: 'points_behind', green_max_points_behind: 0, amber_max_points_behind: o.amberPoints ?? 10 },
    plan_basis: 'monthly_targets',
    reports: { due_day: o.dueDay ?? 5, due_month: o.dueMonth ?? 'next' }
  };
}
