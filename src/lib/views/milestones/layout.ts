/**
 * The Gantt chart's rows: a heading row per group followed by its projects (in the order query's
 * order), each row the same height, so a row's place is its index times the height. Only the rows
 * in view are drawn and labelled. A scroll height past what browsers allow (Firefox stops near
 * 17.9 million px; a million rows of 24 px is 24 million) is scaled down, and the scroll position
 * mapped back onto the content.
 */

/** The scroll height used at most; content taller than this scrolls proportionally. */
export const MAX_SCROLL_PX = 8_000_000;

export interface GanttLayout {
  /** Rows in all: a heading per group plus every project. */
  total: number;
  /** Row index of each group's heading. */
  starts: number[];
  /** Projects before each group (its first project's index in the order). */
  before: number[];
  counts: number[];
}

export type GanttRow = { kind: 'group'; group: number } | { kind: 'project'; group: number; order: number };

/** The layout of groups with these project counts (in the order query's group order). */
export function ganttLayout(counts: readonly number[]): GanttLayout {
  const starts: number[] = [];
  const before: number[] = [];
  let row = 0;
  let projects = 0;
  for (const n of counts) {
    starts.push(row);
    before.push(projects);
    row += 1 + n;
    projects += n;
  }
  return { total: row, starts, before, counts: [...counts] };
}

/** The group whose rows hold `index` (binary search over the headings). */
function groupAt(layout: GanttLayout, index: number): number {
  let lo = 0;
  let hi = layout.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.starts[mid] <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** What row `index` shows, or null outside the layout. */
export function rowAt(layout: GanttLayout, index: number): GanttRow | null {
  if (!Number.isInteger(index) || index < 0 || index >= layout.total) return null;
  const group = groupAt(layout, index);
  const within = index - layout.starts[group];
  return within === 0 ? { kind: 'group', group } : { kind: 'project', group, order: layout.before[group] + within - 1 };
}

/** The row index of the project at `order` in the order query's order. */
export function rowOfOrder(layout: GanttLayout, order: number): number {
  let lo = 0;
  let hi = layout.before.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (layout.before[mid] <= order) lo = mid;
    else hi = mid - 1;
  }
  return layout.starts[lo] + 1 + (order - layout.before[lo]);
}

/** The scroll height for content of `contentPx` (scaled down past MAX_SCROLL_PX). */
export function scrollHeight(contentPx: number, maxPx = MAX_SCROLL_PX): number {
  return Math.min(Math.max(0, contentPx), maxPx);
}

/** Where in the content (px) the top of the view is, for a scroll position. */
export function contentOffset(scrollTop: number, contentPx: number, viewPx: number, maxPx = MAX_SCROLL_PX): number {
  const scrollable = scrollHeight(contentPx, maxPx) - viewPx;
  const content = contentPx - viewPx;
  if (scrollable <= 0 || content <= 0) return 0;
  const top = Math.min(Math.max(0, scrollTop), scrollable);
  return contentPx <= maxPx ? top : (top / scrollable) * content;
}

/** The scroll position that puts content offset `offsetPx` at the top of the view (contentOffset's inverse). */
export function scrollTopFor(offsetPx: number, contentPx: number, viewPx: number, maxPx = MAX_SCROLL_PX): number {
  const scrollable = scrollHeight(contentPx, maxPx) - viewPx;
  const content = contentPx - viewPx;
  if (scrollable <= 0 || content <= 0) return 0;
  const offset = Math.min(Math.max(0, offsetPx), content);
  return contentPx <= maxPx ? offset : (offset / content) * scrollable;
}

export interface VisibleRows {
  /** First and last row index drawn (inclusive), -1 and -2 when none. */
  first: number;
  last: number;
  /** Content offset of the view's top (px). */
  offset: number;
}

/** The rows in view, with `buffer` rows either side, for a scroll position. */
export function visibleRows(
  layout: Pick<GanttLayout, 'total'>,
  rowPx: number,
  scrollTop: number,
  viewPx: number,
  buffer = 0,
  maxPx = MAX_SCROLL_PX
): VisibleRows {
  const contentPx = layout.total * rowPx;
  const offset = contentOffset(scrollTop, contentPx, viewPx, maxPx);
  if (layout.total === 0 || viewPx <= 0) return { first: -1, last: -2, offset };
  const first = Math.max(0, Math.floor(offset / rowPx) - buffer);
  const last = Math.min(layout.total - 1, Math.ceil((offset + viewPx) / rowPx) - 1 + buffer);
  return { first, last, offset };
}

/** The projects' order positions among rows first…last (for the row window to fetch). */
export function orderSpan(layout: GanttLayout, first: number, last: number): [number, number] | null {
  let lo = -1;
  let hi = -1;
  for (let i = Math.max(0, first); i <= last; i++) {
    const r = rowAt(layout, i);
    if (r?.kind !== 'project') continue;
    if (lo < 0) lo = r.order;
    hi = r.order;
  }
  return lo < 0 ? null : [lo, hi];
}

/** The next project row from `index` in direction `step` (headings skipped), or null. */
export function nextProjectRow(layout: GanttLayout, index: number, step: 1 | -1): number | null {
  for (let i = index + step; i >= 0 && i < layout.total; i += step) if (rowAt(layout, i)?.kind === 'project') return i;
  return null;
}

/** The project row a key moves the focus to from row `at` (`pageRows` rows a page), or undefined for a key that does not move it. */
export function keyTarget(layout: GanttLayout, at: number, key: string, pageRows: number): number | null | undefined {
  const page = Math.max(1, pageRows);
  switch (key) {
    case 'ArrowDown':
      return nextProjectRow(layout, at, 1);
    case 'ArrowUp':
      return nextProjectRow(layout, at, -1);
    case 'PageDown':
      return nextProjectRow(layout, Math.min(layout.total, at + page) - 1, 1) ?? nextProjectRow(layout, layout.total, -1);
    case 'PageUp':
      return nextProjectRow(layout, Math.max(-1, at - page) + 1, -1) ?? nextProjectRow(layout, -1, 1);
    case 'Home':
      return nextProjectRow(layout, -1, 1);
    case 'End':
      return nextProjectRow(layout, layout.total, -1);
    default:
      return undefined;
  }
}

/** A row in view as the labels show it: its index, its top in the view (px), and its group heading or project (null while not in). */
export interface LabelledRow<P> {
  index: number;
  top: number;
  group?: { key: string; name: string; n: number };
  project?: P | null;
}

/**
 * The rows drawn and labelled: those in view and a view's height either side, placed in the scroll
 * content (`top`, in scroll px) so that the browser scrolls them without drawing, and made again
 * only when the view leaves them. A scaled scroll (past MAX_SCROLL_PX) moves the content faster
 * than the scroll bar, so there the band is placed again at every step.
 */
export interface Band {
  first: number;
  last: number;
  /** Content offset of the band's first row (px). */
  offset: number;
  /** Where the band's top sits in the scroll content (px). */
  top: number;
  total: number;
  rowPx: number;
}

export function nextBand(
  prev: Band | null,
  view: VisibleRows,
  total: number,
  rowPx: number,
  scrollTop: number,
  viewPx: number,
  maxPx = MAX_SCROLL_PX
): Band {
  const scaled = total * rowPx > maxPx;
  const kept = prev && !scaled && prev.total === total && prev.rowPx === rowPx && view.first >= prev.first && view.last <= prev.last;
  if (kept) return prev;
  if (view.last < view.first) return { first: -1, last: -2, offset: 0, top: 0, total, rowPx };
  const margin = Math.ceil(viewPx / rowPx);
  const first = Math.max(0, view.first - margin);
  const last = Math.min(total - 1, view.last + margin);
  const offset = first * rowPx;
  return { first, last, offset, top: Math.max(0, scrollTop + offset - view.offset), total, rowPx };
}
