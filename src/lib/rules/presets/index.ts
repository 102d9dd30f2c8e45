/** The five plans' presets and the default, by id. */
import type { RulePreset } from '../preset-schema.ts';
import { DEFAULT_PRESET } from './common.ts';
import { COUNTY_2023_PRESET } from './county.ts';
import { GUIYANG_2021_PRESET } from './guiyang.ts';
import { JIUJIANG_2021_2023_PRESET } from './jiujiang.ts';
import { LISHUI_2018_PRESET } from './lishui.ts';
import { LIUZHOU_2022_PRESET } from './liuzhou.ts';

export { DEFAULT_PRESET, COUNTY_2023_PRESET, GUIYANG_2021_PRESET, JIUJIANG_2021_2023_PRESET, LISHUI_2018_PRESET, LIUZHOU_2022_PRESET };

export const PLAN_PRESETS: readonly RulePreset[] = [
  LIUZHOU_2022_PRESET,
  LISHUI_2018_PRESET,
  GUIYANG_2021_PRESET,
  COUNTY_2023_PRESET,
  JIUJIANG_2021_2023_PRESET
];
