/**
 * A correct `remove` for the request queue of mosaic-core's QueryManager (0.32). Its own steps
 * `prev` onto the nodes it removes: of two queued requests removed in a row the second stays in
 * the queue, and removing the last ones at a priority can leave the list's tail on a removed node,
 * so the next request queued at that priority is never run and its view waits for ever. The query
 * core cancels every queued view query at each change (coordinator-supersede.ts), so this
 * happened: a month whose facts failed to load, with the views' queries queued behind it, left
 * the month the page fell back to without figures.
 */

interface QueueNode<T> {
  item: T;
  next: QueueNode<T> | null;
}

/** mosaic's PriorityQueue as it is built: one linked list per priority rank. */
export interface LinkedPriorityQueue<T> {
  queue: { head: QueueNode<T> | null; tail: QueueNode<T> | null }[];
  remove(test: (item: T) => boolean): void;
}

/** Relinks each priority's list around the items `test` removes. */
export function removeFromQueue<T>(queue: LinkedPriorityQueue<T>, test: (item: T) => boolean): void {
  for (const list of queue.queue) {
    const kept: QueueNode<T>[] = [];
    for (let node = list.head; node; node = node.next) if (!test(node.item)) kept.push(node);
    kept.forEach((node, i) => (node.next = kept[i + 1] ?? null));
    list.head = kept[0] ?? null;
    list.tail = kept.at(-1) ?? null;
  }
}

/** Gives one QueryManager's queue the correct `remove`. */
export function mendQueueRemove(manager: object): void {
  const queue = (manager as { queue?: LinkedPriorityQueue<unknown> }).queue;
  if (!queue || !Array.isArray(queue.queue)) throw new Error('mosaic QueryManager: no linked priority queue to mend');
  queue.remove = (test) => removeFromQueue(queue, test);
}
