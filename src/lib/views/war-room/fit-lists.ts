/**
 * A wall has no scrolling and no mouse: the lists of a scene's view (a table's rows, a list's
 * items) are cut to what fits the scene's box, and each list that shows less than it has says how
 * many more (its `data-wall-more`, drawn by the war room's CSS). Items go from the list showing the
 * most until nothing runs off; each list keeps at least one.
 */

/** The attribute that hides an item cut from its list. */
export const CUT = 'data-wall-cut';
/** The attribute that holds a list's "n more" line. */
export const MORE = 'data-wall-more';

interface List {
  items: HTMLElement[];
  /** Where the "n more" line is drawn: the table's box, or the list itself. */
  host: HTMLElement;
  /** How many the list has in all: its section's `data-count` when it lists only some. */
  total: number;
  shown: number;
}

function listsOf(scene: HTMLElement): List[] {
  const out: List[] = [];
  for (const el of scene.querySelectorAll<HTMLElement>('tbody, ul')) {
    const items = [...el.children].filter((c): c is HTMLElement => c instanceof HTMLElement);
    // A list inside a table's cell goes with its row.
    if (items.length === 0 || (el.tagName === 'UL' && el.closest('table'))) continue;
    const host = el.tagName === 'TBODY' ? (el.closest('table')?.parentElement ?? el) : el;
    const counted = Number(el.closest('[data-count]')?.getAttribute('data-count'));
    out.push({ items, host, total: Number.isFinite(counted) && counted > items.length ? counted : items.length, shown: items.length });
  }
  return out;
}

/** The scene, or a box inside it that clips, holds more than it shows. */
function overflows(scene: HTMLElement, lists: List[]): boolean {
  if (scene.scrollHeight > scene.clientHeight + 1) return true;
  const boxes = new Set<HTMLElement>();
  for (const l of lists) {
    for (let el = l.host.parentElement; el && el !== scene; el = el.parentElement) boxes.add(el);
    boxes.add(l.host);
  }
  for (const el of boxes) {
    const style = getComputedStyle(el);
    if (style.overflowY !== 'visible' && el.scrollHeight > el.clientHeight + 1) return true;
  }
  return false;
}

function sayMore(l: List, more: (n: number) => string): void {
  if (l.total > l.shown) l.host.setAttribute(MORE, more(l.total - l.shown));
  else l.host.removeAttribute(MORE);
}

/** Shows every item again, then cuts the scene's lists to what fits. */
export function fitLists(scene: HTMLElement, more: (n: number) => string): void {
  for (const el of scene.querySelectorAll(`[${CUT}]`)) el.removeAttribute(CUT);
  const lists = listsOf(scene);
  for (const l of lists) sayMore(l, more);
  while (overflows(scene, lists)) {
    // The list showing the most gives one (the later one on a tie: the first lists are the scene's lead).
    let longest: List | null = null;
    for (const l of lists) if (l.shown > 1 && (!longest || l.shown >= longest.shown)) longest = l;
    if (!longest) return;
    longest.shown -= 1;
    longest.items[longest.shown].setAttribute(CUT, '');
    sayMore(longest, more);
  }
}

/**
 * Keeps a scene's lists fitted as its views render (nodes, text and attributes: a chart's size is
 * an attribute) and its box changes size, a frame after each change; the attributes set here are
 * not changes. Returns the function that stops it.
 */
export function keepListsFitted(scene: HTMLElement, more: (n: number) => string): () => void {
  let frame = 0;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => ((frame = 0), fitLists(scene, more)));
  };
  const mutations = new MutationObserver((records) => {
    if (records.some((r) => r.type !== 'attributes' || (r.attributeName !== CUT && r.attributeName !== MORE))) schedule();
  });
  mutations.observe(scene, { childList: true, subtree: true, characterData: true, attributes: true });
  const resize = new ResizeObserver(schedule);
  resize.observe(scene);
  schedule();
  return () => {
    cancelAnimationFrame(frame);
    mutations.disconnect();
    resize.disconnect();
  };
}
