/**
 * Where the bar chart's labels, bars and values go, in its drawing's units (its text is 12 units
 * high). On a page the chart is drawn at a width its labels and values need and scaled to its box;
 * on a wall it is drawn at its box's width at the wall's type size, and its labels and values are
 * made to fit that instead (labels wrapped or cut, the value's detail left out).
 */

/** The chart's text size, in its drawing's units. */
export const TEXT_UNITS = 12;

/** A string's width in drawing units, at the chart's text size. */
export type Measure = (s: string) => number;

/**
 * A conservative width without a browser: CJK characters about 12 units at this size, Latin
 * about 6.5.
 */
export const estimateWidth: Measure = (s) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e7f ? 12 : 6.5), 0);

/** Room between a label and its bar. */
const LABEL_PAD = 8;
/** Room between a bar and its value. */
const VALUE_PAD = 6;
const MIN_LABEL = 56;
const MIN_VALUE = 56;
/** The link after a row's value (↗). */
export const LINK_ROOM = 18;

/** A label cut to `room` with an ellipsis (the whole name is in the bar's title). */
export function fitLabel(label: string, room: number, measure: Measure = estimateWidth): string {
  if (measure(label) <= room) return label;
  let out = '';
  for (const ch of label) {
    if (measure(`${out}${ch}…`) > room) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * A label in at most two lines of `room` each, broken between words where the longer line is
 * shortest (a name without spaces is cut instead); what does not fit is cut with an ellipsis.
 */
export function wrapLabel(label: string, room: number, measure: Measure = estimateWidth): string[] {
  if (measure(label) <= room) return [label];
  const words = label.split(' ');
  if (words.length < 2) return [fitLabel(label, room, measure)];
  const splits = words.slice(1).map((_, i) => [words.slice(0, i + 1).join(' '), words.slice(i + 1).join(' ')]);
  const longer = ([a, b]: string[]) => Math.max(measure(a), measure(b));
  const best = splits.reduce((a, b) => (longer(b) < longer(a) ? b : a));
  return best.map((line) => fitLabel(line, room, measure));
}

export interface BarRowText {
  label: string;
  /** The value as formatted, and its detail (a rate, a count) said after it. */
  value: string;
  detail?: string;
}

export interface BarRowLayout {
  /** Top of the row. */
  y: number;
  /** The row's height: its bar's, or its label's lines'. */
  height: number;
  lines: string[];
  /** What is said after the bar. */
  value: string;
}

export interface BarLayout {
  width: number;
  height: number;
  labelWidth: number;
  /** Room for the longest bar. */
  barRoom: number;
  barHeight: number;
  /** Between one line of a wrapped label and the next. */
  lineHeight: number;
  rows: BarRowLayout[];
}

const joined = (r: BarRowText) => (r.detail ? `${r.value} · ${r.detail}` : r.value);
const widest = (texts: string[], measure: Measure) => Math.max(0, ...texts.map(measure));

/**
 * The page's chart: at least 320 wide; wider (and so scaled down to its box) when labels and values
 * need the room. `measure` is the page's type once the chart is in the page (estimateWidth before).
 */
export function pageBarLayout(rows: BarRowText[], link: boolean, measure: Measure = estimateWidth): BarLayout {
  const barHeight = 20;
  const pitch = 24;
  const labels = rows.map((r) => r.label);
  const labelWidth = Math.min(160, Math.max(MIN_LABEL, widest(labels, measure) + LABEL_PAD));
  const values = rows.map(joined);
  const valueRoom = Math.max(MIN_VALUE, widest(values, measure) + VALUE_PAD) + (link ? LINK_ROOM : 0);
  const width = Math.max(320, labelWidth + valueRoom + 110);
  return {
    width,
    height: rows.length * pitch,
    labelWidth,
    barRoom: width - labelWidth - valueRoom,
    barHeight,
    lineHeight: TEXT_UNITS,
    rows: rows.map((r, i) => ({
      y: i * pitch,
      height: barHeight,
      lines: [fitLabel(r.label, labelWidth - LABEL_PAD, measure)],
      value: values[i]
    }))
  };
}

/** On a wall, the longest bar keeps at least a fifth of the width: the details go before that. */
const WALL_MIN_BAR = 0.2;
/** A label takes at most this share of the width (in two lines). */
const WALL_MAX_LABEL = 0.35;
const WALL_BAR = 18;
const WALL_GAP = 6;
const WALL_LINE = 13;

/**
 * The wall's chart, `width` units wide (its box at the wall's type): long names in two lines,
 * each row's detail left out when the values with their details would leave the bars less than
 * a fifth of the width, and the names cut when even that is not enough.
 */
export function wallBarLayout(rows: BarRowText[], link: boolean, width: number, measure: Measure = estimateWidth): BarLayout {
  const linkRoom = link ? LINK_ROOM : 0;
  const minBar = width * WALL_MIN_BAR;
  const valueRoomOf = (values: string[]) => Math.max(MIN_VALUE, widest(values, measure) + VALUE_PAD) + linkRoom;
  const linesIn = (room: number) => rows.map((r) => wrapLabel(r.label, room - LABEL_PAD, measure));
  const labelWidthOf = (lines: string[][], max: number) => Math.min(max, Math.max(MIN_LABEL, widest(lines.flat(), measure) + LABEL_PAD));

  let lines = linesIn(width * WALL_MAX_LABEL);
  let labelWidth = labelWidthOf(lines, width * WALL_MAX_LABEL);
  let values = rows.map(joined);
  if (labelWidth + valueRoomOf(values) + minBar > width) values = rows.map((r) => r.value);
  const valueRoom = valueRoomOf(values);
  if (labelWidth + valueRoom + minBar > width) {
    const room = Math.max(MIN_LABEL, width - valueRoom - minBar);
    lines = linesIn(room);
    labelWidth = labelWidthOf(lines, room);
  }
  let y = 0;
  const laid = rows.map((_, i) => {
    const height = Math.max(WALL_BAR, lines[i].length * WALL_LINE);
    const row = { y, height, lines: lines[i], value: values[i] };
    y += height + WALL_GAP;
    return row;
  });
  return {
    width,
    height: Math.max(0, y - WALL_GAP),
    labelWidth,
    barRoom: Math.max(1, width - labelWidth - valueRoom),
    barHeight: WALL_BAR,
    lineHeight: WALL_LINE,
    rows: laid
  };
}
