/**
 * Opens a playback session for a dataset: its playback files and the site's event calendars
 * (read once, load.ts), the axis over the programme's years. What the map page calls on entering playback; the war room too.
 */
import type { SizeMode } from '../map/project-points.ts';
import type { MetricRules } from '../metrics/preset.ts';
import type { DatasetMeta } from '../schema.ts';
import { playbackAxis } from './axis.ts';
import { eventsOnAxis, type PlaybackEvent } from './events.ts';
import type { LoadedPlayback } from './load.ts';
import { PlaybackSession } from './playback-session.svelte.ts';
import type { Playhead } from './playhead.svelte.ts';
import type { SummaryScope } from './summary.ts';

export interface OpenPlaybackOptions {
  meta: DatasetMeta;
  rules: MetricRules;
  load: () => Promise<LoadedPlayback>;
  start?: string;
  size?: SizeMode;
  scope?: SummaryScope;
  /** The workspace's playhead, shared with the other pages' views; else the session's own. */
  playhead?: Playhead;
}

export async function openPlayback(o: OpenPlaybackOptions): Promise<PlaybackSession> {
  const loaded = await o.load();
  const config = loaded.calendars;
  const axis = o.playhead?.axis ?? playbackAxis(o.meta.years ?? [o.meta.year], o.meta.facts_months ?? []);
  const events: PlaybackEvent[] = config ? eventsOnAxis(config, o.meta.rule_preset.id, axis) : [];
  return new PlaybackSession({ loaded, axis, events, rules: o.rules, start: o.start, size: o.size, scope: o.scope, playhead: o.playhead });
}
