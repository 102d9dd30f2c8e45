/**
 * The rule preset a dataset runs on: its meta.json `rule_preset`, or the site config's preset for
 * that dataset (config/presets.json, edited after the build), each checked against the one schema
 * (rules/validate.ts). An invalid preset stops the load with the key named: the page never runs
 * on rules nobody wrote.
 */
import type { RulePreset } from '../rules/preset-schema.ts';
import { checkPreset, type PresetIssue } from '../rules/validate.ts';
import { specIssue } from '../rules/spec.ts';
import { DataLoadError } from './errors.ts';
import type { DataSource } from './data-source.ts';

/** The site config's presets, by dataset id. */
export const PRESET_CONFIG_FILE = 'config/presets.json';

/** The error a load shows for a preset's issues: the first one's key and what is allowed, and how many others. */
export function presetLoadError(issues: PresetIssue[], file: string): DataLoadError {
  const [first] = issues;
  const zh = first.zh ?? { message: first.message, allowed: first.allowed };
  const params = { file, key: first.path, detail: { en: first.message, zh: zh.message }, others: issues.length - 1 };
  return new DataLoadError({ key: issues.length > 1 ? 'error.badPresets' : 'error.badPreset', params }, file, {
    en: first.allowed,
    zh: zh.allowed
  });
}

/** `value` as a preset, or the load error naming `file` and the key (`at` is the key of the preset in the file). */
export function presetOrError(value: unknown, file: string, at: string): RulePreset {
  const checked = checkPreset(value, at);
  if (!checked.ok) throw presetLoadError(checked.issues, file);
  return checked.preset;
}

/** The site config's override for a dataset, or null when the config has none (or no config is served). */
export async function presetOverride(source: DataSource, datasetId: string): Promise<RulePreset | null> {
  let config: unknown;
  try {
    config = await source.json<unknown>(PRESET_CONFIG_FILE);
  } catch (err) {
    if (err instanceof DataLoadError && err.userMessage.key === 'error.fileMissing' && err.userMessage.params?.status === 404) return null;
    throw err;
  }
  const presets = (config as { presets?: unknown } | null)?.presets;
  if (typeof presets !== 'object' || presets === null || Array.isArray(presets)) {
    const issues = [
      specIssue(
        'presets',
        { en: 'missing or not an object', zh: '缺少，或不是对象' },
        {
          en: 'an object of presets by dataset id: { "presets": { "<id>": { … } } }',
          zh: '按数据集标识列出预设的对象：{ "presets": { "<id>": { … } } }'
        }
      )
    ];
    throw presetLoadError(issues, PRESET_CONFIG_FILE);
  }
  const own = (presets as Record<string, unknown>)[datasetId];
  return own === undefined ? null : presetOrError(own, PRESET_CONFIG_FILE, `presets.${datasetId}`);
}
