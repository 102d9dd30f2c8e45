import { describe, expect, it } from 'vitest';
import { translate } from '../../../src/lib/i18n/translate.ts';

describe('translate', () => {
  it('fills a parameter given in both languages with the one of the message', () => {
    const params = { file: 'config/presets.json', key: 'presets.x.rag', detail: { en: 'missing', zh: '缺少' } };
    expect(translate('zh-CN', 'error.badPreset', params)).toBe('config/presets.json 中的规则预设有误：presets.x.rag：缺少。');
    expect(translate('en', 'error.badPreset', params)).toBe('The rule preset in config/presets.json is invalid: presets.x.rag: missing.');
  });

  it('leaves a placeholder without its parameter as it is, and shows an unknown key itself', () => {
    expect(translate('en', 'error.badPreset', { file: 'a' })).toBe('The rule preset in a is invalid: {key}: {detail}.');
    expect(translate('zh-CN', 'no.such.key')).toBe('no.such.key');
  });
});
