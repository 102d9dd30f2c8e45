import { describe, expect, it } from 'vitest';
import { noticesByUnit } from '../../../src/lib/views/league/task-notices.ts';

describe('task notices by unit', () => {
  it('groups each unit’s projects by item, units in code order, items in the rule’s order (empty ones kept)', () => {
    const rows = [
      { unit: '520102', item: 'unregistered' as const, id: 'P2', name: '乙' },
      { unit: '520102', item: 'lagging_approvals' as const, id: 'P1', name: '甲' },
      { unit: '520101', item: 'lagging_approvals' as const, id: 'P3', name: '丙' }
    ];
    expect(noticesByUnit(rows, ['lagging_approvals', 'unregistered'])).toEqual([
      {
        unit: '520101',
        items: [
          { item: 'lagging_approvals', projects: [{ id: 'P3', name: '丙' }] },
          { item: 'unregistered', projects: [] }
        ]
      },
      {
        unit: '520102',
        items: [
          { item: 'lagging_approvals', projects: [{ id: 'P1', name: '甲' }] },
          { item: 'unregistered', projects: [{ id: 'P2', name: '乙' }] }
        ]
      }
    ]);
  });
});
