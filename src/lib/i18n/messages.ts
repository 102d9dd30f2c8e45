/**
 * The message catalogue. Every visible string goes through here; zh-CN is the reference
 * catalogue and en must have the same keys (a unit test checks it). The messages live by area in
 * messages/; each area's English is typed against its Chinese keys.
 */
import * as app from './messages/app.ts';
import * as bulletin from './messages/bulletin.ts';
import * as card from './messages/card.ts';
import * as drilldown from './messages/drilldown.ts';
import * as embed from './messages/embed.ts';
import * as escalation from './messages/escalation.ts';
import * as sqlConsole from './messages/console.ts';
import * as data from './messages/data.ts';
import * as filters from './messages/filters.ts';
import * as kpi from './messages/kpi.ts';
import * as league from './messages/league.ts';
import * as map from './messages/map.ts';
import * as milestones from './messages/milestones.ts';
import * as overview from './messages/overview.ts';
import * as planRules from './messages/plan-rules.ts';
import * as playback from './messages/playback.ts';
import * as protect from './messages/protect.ts';
import * as problems from './messages/problems.ts';
import * as terms from './messages/terms.ts';
import * as url from './messages/url.ts';
import * as warRoom from './messages/war-room.ts';

export const zhCN = {
  ...app.zh,
  ...map.zh,
  ...filters.zh,
  ...terms.zh,
  ...kpi.zh,
  ...card.zh,
  ...url.zh,
  ...overview.zh,
  ...drilldown.zh,
  ...data.zh,
  ...sqlConsole.zh,
  ...protect.zh,
  ...embed.zh,
  ...problems.zh,
  ...escalation.zh,
  ...bulletin.zh,
  ...league.zh,
  ...planRules.zh,
  ...milestones.zh,
  ...playback.zh,
  ...warRoom.zh
} as const;

export type MessageKey = keyof typeof zhCN;

export const en: Record<MessageKey, string> = {
  ...app.en,
  ...map.en,
  ...filters.en,
  ...terms.en,
  ...kpi.en,
  ...card.en,
  ...url.en,
  ...overview.en,
  ...drilldown.en,
  ...data.en,
  ...sqlConsole.en,
  ...protect.en,
  ...embed.en,
  ...problems.en,
  ...escalation.en,
  ...bulletin.en,
  ...league.en,
  ...planRules.en,
  ...milestones.en,
  ...playback.en,
  ...warRoom.en
};

export const catalogues = { 'zh-CN': zhCN as Record<MessageKey, string>, en } as const;
