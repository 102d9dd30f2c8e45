/**
 * Events on the playback's time axis, as data: the site config's calendars
 * (config/playback-events.json, read with the playback by load.ts), one per rule preset, checked like the presets (rules/spec.ts):
 * a calendar with any issue is refused whole, its key named. An event recurs in each programme
 * year at the months it lists.
 */
import { join, list, num, obj, oneOf, text, type Infer, type SpecIssue } from '../rules/spec.ts';
import type { PlaybackAxis } from './axis.ts';

export const EVENTS_CONFIG_FILE = 'config/playback-events.json';
export const EVENT_KINDS = ['ground_breaking', 'review', 'inspection', 'milestone'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

const id = text(/^[a-z0-9][a-z0-9_-]*$/, 'an id of lower-case letters, digits, "-" and "_"');
const eventSpec = obj(
  {
    id,
    kind: oneOf(EVENT_KINDS),
    name: obj({ zh: text(), en: text() }),
    /** Calendar months (1–12) it falls in, every programme year. */
    months: list(num(1, 12, { integer: true }), { min: 1, max: 12 }),
    /** Where the event comes from (the plan's words). */
    source: text()
  },
  {}
);
const calendarSpec = obj({ preset: id, events: list(eventSpec, { min: 1 }) });
const configSpec = obj({ calendars: list(calendarSpec, { min: 1 }) }, { _comment: text() });

export type EventsConfig = Infer<typeof configSpec>;

export class EventsConfigError extends Error {
  constructor(readonly issues: SpecIssue[]) {
    super(`${EVENTS_CONFIG_FILE}: ${issues[0].path}: ${issues[0].message} (allowed: ${issues[0].allowed})`);
    this.name = 'EventsConfigError';
  }
}

/** The config, checked: throws EventsConfigError naming the first key that is wrong. */
export function parseEventsConfig(value: unknown): EventsConfig {
  const issues: SpecIssue[] = [];
  if (!configSpec.check(value, '', issues)) throw new EventsConfigError(issues);
  const seen = new Set<string>();
  value.calendars.forEach((c, i) => {
    if (seen.has(c.preset))
      issues.push({ path: join(join('calendars', i), 'preset'), message: `"${c.preset}" again`, allowed: 'one calendar per preset' });
    seen.add(c.preset);
  });
  if (issues.length) throw new EventsConfigError(issues);
  return value;
}

/** An event at one month of the axis. */
export interface PlaybackEvent {
  id: string;
  kind: EventKind;
  name: { zh: string; en: string };
  /** Index on the axis (PlaybackAxis.months). */
  at: number;
}

/** The preset's calendar (else the "default" one) laid on the axis, in axis order. */
export function eventsOnAxis(config: EventsConfig, presetId: string, axis: PlaybackAxis): PlaybackEvent[] {
  const calendar = config.calendars.find((c) => c.preset === presetId) ?? config.calendars.find((c) => c.preset === 'default');
  if (!calendar) return [];
  const out: PlaybackEvent[] = [];
  axis.months.forEach((key, at) => {
    const calendarMonth = Number(key.slice(5, 7));
    for (const e of calendar.events) if (e.months.includes(calendarMonth)) out.push({ id: e.id, kind: e.kind, name: e.name, at });
  });
  return out;
}
