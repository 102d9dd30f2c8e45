import { describe, expect, it } from 'vitest';
import { emptyUrlState, parseUrlState, serialiseUrlState, type UrlState } from '../../../src/lib/state/url-state.ts';

const known = {
  datasets: ['liuzhou-2022', 'county-2023'],
  districts: ['450202', '450203', '450205'],
  units: ['市住建局', '市交通局'],
  asOf: '2022-06'
};

const parse = (qs: string) => parseUrlState(new URLSearchParams(qs), known);

function full(): UrlState {
  const s = emptyUrlState();
  s.ds = 'liuzhou-2022';
  s.month = '2022-06';
  s.view = 'map';
  s.color = 'rag';
  s.size = 'total';
  s.map = { lon: 109.41, lat: 24.33, zoom: 10.5 };
  Object.assign(s.filters, {
    phase: ['new', 'continuing'], sector: ['industry'], district: ['450202'], level: ['city'], size: ['1e4_1e5'],
    rag: ['amber', 'red'], unit: ['市住建局'], q: '路', area: { type: 'box', bounds: [109.3, 24.2, 109.5, 24.4] }
  });
  return s;
}

describe('URL state', () => {
  it('reads the documented example', () => {
    const { state, notices } = parse(
      'ds=liuzhou-2022&phase=new,continuing&sector=industry&district=450202&month=2022-06&q=%E8%B7%AF&view=map&color=rag&size=total&map=109.41,24.33,10.5'
    );
    expect(notices).toEqual([]);
    expect(state.filters).toMatchObject({ phase: ['new', 'continuing'], sector: ['industry'], district: ['450202'], q: '路' });
    expect(state).toMatchObject({ ds: 'liuzhou-2022', month: '2022-06', view: 'map', color: 'rag', size: 'total', map: { lon: 109.41, lat: 24.33, zoom: 10.5 } });
  });

  it('round-trips a full state', () => {
    const s = full();
    const back = parse(serialiseUrlState(s).toString());
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('round-trips a lasso', () => {
    const s = emptyUrlState();
    s.filters.area = { type: 'lasso', ring: [[109.37, 24.3], [109.43, 24.3], [109.37, 24.36]] };
    expect(parse(serialiseUrlState(s).toString()).state).toEqual(s);
  });

  it('writes nothing for the default state', () => {
    expect(serialiseUrlState(emptyUrlState()).toString()).toBe('');
  });

  it('writes enumerations in canonical order, so equal states give equal URLs', () => {
    expect(serialiseUrlState(parse('phase=continuing,new,new').state).get('phase')).toBe('new,continuing');
  });

  it('accepts repeated parameters', () => {
    expect(parse('sector=industry&sector=ecology').state.filters.sector).toEqual(['industry', 'ecology']);
  });

  it('drops an unknown district with a notice and keeps the rest', () => {
    const { state, notices } = parse('district=450202,999999&sector=industry');
    expect(state.filters.district).toEqual(['450202']);
    expect(state.filters.sector).toEqual(['industry']);
    expect(notices).toEqual([{ key: 'url.unknownDistrict', params: { value: '999999' } }]);
  });

  it('reports malformed numbers and months instead of failing', () => {
    const { state, notices } = parse('map=109.41,abc,10&box=1,2,3&month=2022-13');
    expect(state.map).toBeNull();
    expect(state.filters.area).toBeNull();
    expect(state.month).toBeNull();
    expect(notices.map((n) => n.key)).toEqual(['url.badMonth', 'url.badNumber', 'url.badNumber']);
  });

  it('refuses a month after the as-of month', () => {
    const { state, notices } = parse('month=2022-07');
    expect(state.month).toBeNull();
    expect(notices).toEqual([{ key: 'url.monthOutOfRange', params: { value: '2022-07', asOf: '2022-06' } }]);
  });

  it('refuses unknown datasets, enum values, units and views', () => {
    const { state, notices } = parse('ds=nowhere&phase=new,bogus&unit=市住建局,不存在&view=admin&color=pink');
    expect(state.ds).toBeNull();
    expect(state.filters.phase).toEqual(['new']);
    expect(state.filters.unit).toEqual(['市住建局']);
    expect(notices.map((n) => n.key)).toEqual(['url.unknownDataset', 'url.unknownValue', 'url.unknownValue', 'url.unknownValue', 'url.unknownUnit']);
  });

  it('refuses degenerate lassos and out-of-range boxes', () => {
    expect(parse('lasso=1,1,2,2').notices[0].key).toBe('url.badLasso');
    expect(parse('lasso=1,1,2,2,3').notices[0].key).toBe('url.badNumber');
    expect(parse('box=200,0,201,1').notices[0].key).toBe('url.badNumber');
  });

  it('survives hostile input', () => {
    const { state } = parse("q=' OR 1=1 --&district=%00&map=1e999,0,0&lasso=NaN,1,2,3,4,5");
    expect(state.filters.q).toBe("' OR 1=1 --");
    expect(state.map).toBeNull();
    expect(state.filters.area).toBeNull();
  });

  it('without known lists, accepts any district and unit', () => {
    expect(parseUrlState(new URLSearchParams('district=1&unit=x')).state.filters).toMatchObject({ district: ['1'], unit: ['x'] });
  });
});
