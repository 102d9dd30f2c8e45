/** The demo datasets, in the order the app lists them. */
import type { DatasetPlan } from '../build.ts';
import { county } from './county.ts';
import { guiyang } from './guiyang.ts';
import { jiujiang } from './jiujiang.ts';
import { lishui } from './lishui.ts';
import { liuzhou } from './liuzhou.ts';

export const DEMO_DATASETS: DatasetPlan[] = [liuzhou, guiyang, county, jiujiang, lishui];

/** Default seed of the demo datasets (each dataset derives its own streams from it). */
export const DEFAULT_SEED = 20220930;
