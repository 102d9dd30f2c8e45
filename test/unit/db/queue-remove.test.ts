/**
 * Queued queries cancelled at a change are taken out of mosaic's request queue without losing the
 * ones queued after them (src/lib/db/queue-remove.ts mends mosaic-core 0.32's remove).
 */
import { describe, expect, it, vi } from 'vitest';
import { Priority, type Connector } from '@uwdata/mosaic-core';
import { SupersedingCoordinator } from '../../../src/lib/db/coordinator-supersede.ts';
import type { LinkedPriorityQueue } from '../../../src/lib/db/queue-remove.ts';

/** A connector that answers every request at once, recording the SQL it was asked. */
function recordingConnector() {
  const asked: string[] = [];
  const connector = { query: async ({ sql }: { sql: string }) => void asked.push(sql) } as unknown as Connector;
  return { connector, asked };
}

const queueOf = (c: SupersedingCoordinator) => (c.manager as unknown as { queue: LinkedPriorityQueue<unknown> }).queue;

describe('the request queue', () => {
  it('keeps what it does not remove, and takes requests queued after removing the last ones', () => {
    const queue = queueOf(new SupersedingCoordinator(recordingConnector().connector, { logger: null }));
    for (const item of ['keep', 'drop 1', 'drop 2']) queue.queue[Priority.Normal].tail = pushed(queue, item);
    queue.remove((item) => String(item).startsWith('drop'));
    pushed(queue, 'queued after');
    const list: unknown[] = [];
    for (let node = queue.queue[Priority.Normal].head; node; node = node.next) list.push(node.item);
    expect(list).toEqual(['keep', 'queued after']);
  });

  it('runs a request made after the requests queued behind a running one were cancelled', async () => {
    const db = recordingConnector();
    const c = new SupersedingCoordinator(db.connector, { logger: null, cache: false, consolidate: false });
    // Execs, so each waits for the one before: the first runs, the others stay queued.
    const load = c.exec('-- load');
    const kept = c.exec('-- kept');
    const cancelled = [c.exec('-- cancelled 1'), c.exec('-- cancelled 2')];
    c.cancel(cancelled);
    c.exec('-- after');
    await Promise.allSettled([load, kept, ...cancelled]);
    await vi.waitFor(() => expect(db.asked).toEqual(['-- load', '-- kept', '-- after']));
  });
});

/** Appends an item to the normal-priority list as mosaic's insert does; returns the new tail. */
function pushed(queue: LinkedPriorityQueue<unknown>, item: unknown) {
  const list = queue.queue[Priority.Normal];
  const node = { item, next: null };
  if (list.head === null) list.head = list.tail = node;
  else list.tail = list.tail!.next = node;
  return list.tail;
}
