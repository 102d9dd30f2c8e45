import { describe, expect, it } from 'vitest';
import { en, zhCN } from '../../../src/lib/i18n/messages.ts';
import { translate } from '../../../src/lib/i18n/translate.ts';

describe('message catalogue', () => {
  it('has an English text for every Chinese key and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
  });
  it('uses the same placeholders in both languages', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(zhCN) as (keyof typeof zhCN)[]) {
      expect(names(en[key]), key).toEqual(names(zhCN[key]));
    }
  });
  it('fills placeholders and leaves unknown keys visible', () => {
    expect(translate('zh-CN', 'loading.file', { file: 'projects.parquet' })).toBe('正在加载 projects.parquet…');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });
});
