/** The embed's postMessage protocol (version 1) and the share dialog's texts. */
import { describe, expect, it } from 'vitest';
import { filterParams, filterValues, isAllowedOrigin, parseEmbedConfig, parseHostMessage } from '../../../src/lib/embed/protocol.ts';
import { embedParams, embedUrl, iframeSnippet } from '../../../src/lib/embed/share.ts';

describe('a host message', () => {
  it('is read when it is version 1 and of a known shape', () => {
    expect(parseHostMessage({ v: 1, type: 'setMonth', month: '2022-06' })).toEqual({ v: 1, type: 'setMonth', month: '2022-06' });
    expect(parseHostMessage({ v: 1, type: 'setFilters', filters: { phase: ['new'], q: '路' } })).toEqual({
      v: 1,
      type: 'setFilters',
      filters: { phase: ['new'], q: '路' }
    });
    expect(parseHostMessage({ v: 1, type: 'setView', view: { lon: 109.4, lat: 24.3, zoom: 9 } })?.type).toBe('setView');
  });

  it('is ignored when of another version, type or shape', () => {
    expect(parseHostMessage({ v: 2, type: 'setMonth', month: '2022-06' })).toBeNull();
    expect(parseHostMessage({ type: 'setMonth', month: '2022-06' })).toBeNull();
    expect(parseHostMessage({ v: 1, type: 'runSql', sql: 'select 1' })).toBeNull();
    expect(parseHostMessage({ v: 1, type: 'setFilters', filters: { phase: [1] } })).toBeNull();
    expect(parseHostMessage({ v: 1, type: 'setView', view: { lon: 'x', lat: 1, zoom: 1 } })).toBeNull();
    expect(parseHostMessage('{"v":1}')).toBeNull();
  });
});

describe('filters in messages', () => {
  it('become the URL parameters a link would carry', () => {
    expect(filterParams({ phase: ['new', 'continuing'], district: '450202', area: 'x' }).toString()).toBe(
      'phase=new%2Ccontinuing&district=450202'
    );
  });

  it('are told by dimension id, only those set', () => {
    expect(filterValues({ phase: ['new'], sector: [], area: null })).toEqual({ phase: ['new'] });
  });
});

describe('the allowed origins', () => {
  it('are exact origins; a wildcard, a path or another scheme is left out with a reason', () => {
    const { config, errors } = parseEmbedConfig({
      allowedOrigins: ['https://www.gov.example', 'http://127.0.0.1:4372/', '*', 'https://a.example/page', 'ftp://x.example']
    });
    expect(config.allowedOrigins).toEqual(['https://www.gov.example', 'http://127.0.0.1:4372']);
    expect(errors).toHaveLength(3);
    expect(isAllowedOrigin('https://www.gov.example', config)).toBe(true);
    expect(isAllowedOrigin('https://evil.example', config)).toBe(false);
  });

  it('are none without a configuration', () => {
    expect(parseEmbedConfig(null).config.allowedOrigins).toEqual([]);
  });
});

describe('the share dialog', () => {
  it('keeps the shared state and the map looks, never the open card, the table or its sort', () => {
    const params = new URLSearchParams(
      'ds=liuzhou-2022&month=2022-06&phase=new&color=rag&project=P1&view=table&sort=-name&map=109.4,24.3,9'
    );
    expect(embedParams(params).toString()).toBe('ds=liuzhou-2022&month=2022-06&phase=new&color=rag&map=109.4%2C24.3%2C9');
    expect(embedUrl('https://intra.example/command-map/', new URLSearchParams('ds=a'))).toBe(
      'https://intra.example/command-map/embed/?ds=a'
    );
  });

  it('writes an iframe with its attributes escaped', () => {
    expect(iframeSnippet('https://x.example/embed/?a=1&b="2"', '项目 <图>')).toBe(
      '<iframe src="https://x.example/embed/?a=1&amp;b=&quot;2&quot;" title="项目 &lt;图&gt;" width="100%" height="480" style="border:0" loading="lazy" allow="fullscreen"></iframe>'
    );
  });
});
