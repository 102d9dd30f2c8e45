import { describe, expect, it } from 'vitest';
import {
  emptyUrlState,
  parseChoice,
  parseMapPosition,
  parseUrlState,
  serialiseMapPosition,
  serialiseUrlState,
  SHARED_PARAMS,
  type UrlNotice,
  type UrlState
} from '../../../src/lib/state/url-state.ts';
import { DIMENSIONS } from '../../../src/lib/state/dimensions.ts';

const known = {
  datasets: ['liuzhou-2022', 'county-2023'],
  districts: ['450202', '450203', '450205'],
  units: ['市住建局', '市交通局'],
  months: ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06']
};

const parse = (qs: string) => parseUrlState(new URLSearchParams(qs), known);

function full(): UrlState {
  const s = emptyUrlState();
  s.ds = 'liuzhou-2022';
  s.month = '2022-06';
  Object.assign(s.filters, {
    phase: ['new', 'continuing'],
    sector: ['industry'],
    district: ['450202'],
    level: ['city'],
    size: ['1e4_1e5'],
    rag: ['amber', 'red'],
    unit: ['市住建局'],
    batch: ['supplement-1'],
    placement: ['no_coordinates', 'outside_districts'],
    q: '路',
    area: { type: 'box', bounds: [109.3, 24.2, 109.5, 24.4] }
  });
  return s;
}

describe('URL state', () => {
  it('reads the documented example', () => {
    const { state, notices } = parse(
      'ds=liuzhou-2022&phase=new,continuing&sector=industry&district=450202&month=2022-06&q=%E8%B7%AF&box=109.3,24.2,109.5,24.4'
    );
    expect(notices).toEqual([]);
    expect(state.filters).toMatchObject({
      phase: ['new', 'continuing'],
      sector: ['industry'],
      district: ['450202'],
      q: '路',
      area: { type: 'box', bounds: [109.3, 24.2, 109.5, 24.4] }
    });
    expect(state).toMatchObject({ ds: 'liuzhou-2022', month: '2022-06' });
  });

  it('round-trips a full state, every dimension of the registry included', () => {
    const s = full();
    for (const d of DIMENSIONS) expect(s.filters[d.id], d.id).not.toEqual(emptyUrlState().filters[d.id]);
    const back = parse(serialiseUrlState(s).toString());
    expect(back.notices).toEqual([]);
    expect(back.state).toEqual(s);
  });

  it('round-trips a lasso', () => {
    const s = emptyUrlState();
    s.filters.area = {
      type: 'lasso',
      ring: [
        [109.37, 24.3],
        [109.43, 24.3],
        [109.37, 24.36]
      ]
    };
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

  it('drops an unknown district with a notice naming the parameter and the value, and keeps the rest', () => {
    const { state, notices } = parse('district=450202,999999&sector=industry');
    expect(state.filters.district).toEqual(['450202']);
    expect(state.filters.sector).toEqual(['industry']);
    expect(notices).toEqual([{ key: 'url.unknownValue', params: { param: 'district', value: '999999' } }]);
  });

  it('reports malformed numbers and months instead of failing', () => {
    const notices: UrlNotice[] = [];
    expect(parseMapPosition(new URLSearchParams('map=109.41,abc,10'), notices)).toBeNull();
    const { state, notices: more } = parse('box=1,2,3&month=2022-13');
    expect(state.filters.area).toBeNull();
    expect(state.month).toBeNull();
    expect([...notices, ...more].map((n) => n.key)).toEqual(['url.badNumber', 'url.badMonth', 'url.badNumber']);
  });

  it('refuses a month the dataset does not have, saying which months it has', () => {
    const { state, notices } = parse('month=2022-07');
    expect(state.month).toBeNull();
    expect(notices).toEqual([
      { key: 'url.monthOutOfRange', params: { param: 'month', value: '2022-07', first: '2022-01', last: '2022-06' } }
    ]);
  });

  it('accepts every month of a programme of several years', () => {
    const months = ['2021-01', '2021-12', '2022-06', '2023-06'];
    expect(parseUrlState(new URLSearchParams('month=2021-12'), { months }).state.month).toBe('2021-12');
  });

  it('refuses unknown datasets, enum values, units and page choices', () => {
    const { state, notices } = parse('ds=nowhere&phase=new,bogus&unit=市住建局,不存在');
    expect(state.ds).toBeNull();
    expect(state.filters.phase).toEqual(['new']);
    expect(state.filters.unit).toEqual(['市住建局']);
    expect(notices).toEqual([
      { key: 'url.unknownDataset', params: { value: 'nowhere' } },
      { key: 'url.unknownValue', params: { param: 'phase', value: 'bogus' } },
      { key: 'url.unknownValue', params: { param: 'unit', value: '不存在' } }
    ]);
    const page: UrlNotice[] = [];
    expect(parseChoice(new URLSearchParams('color=pink'), 'color', ['phase', 'rag'], page)).toBeNull();
    expect(page).toEqual([{ key: 'url.unknownValue', params: { param: 'color', value: 'pink' } }]);
  });

  it('refuses degenerate lassos and out-of-range boxes', () => {
    expect(parse('lasso=1,1,2,2').notices[0]).toEqual({ key: 'url.badLasso', params: { param: 'lasso', vertices: 2, max: 200 } });
    expect(parse('lasso=1,1,2,2,3').notices[0].key).toBe('url.badNumber');
    expect(parse('box=200,0,201,1').notices[0].key).toBe('url.badNumber');
  });

  it('survives hostile input', () => {
    const notices: UrlNotice[] = [];
    const { state } = parse("q=' OR 1=1 --&district=%00&lasso=NaN,1,2,3,4,5");
    expect(state.filters.q).toBe("' OR 1=1 --");
    expect(parseMapPosition(new URLSearchParams('map=1e999,0,0'), notices)).toBeNull();
    expect(state.filters.area).toBeNull();
  });

  it('without known lists, accepts any district and unit', () => {
    expect(parseUrlState(new URLSearchParams('district=1&unit=x')).state.filters).toMatchObject({ district: ['1'], unit: ['x'] });
  });

  it('writes and reads the map position at a metre and a hundredth of a zoom level', () => {
    const map = { lon: 109.412345678, lat: 24.3, zoom: 10.456 };
    expect(serialiseMapPosition(map)).toBe('109.41235,24.3,10.46');
    expect(parseMapPosition(new URLSearchParams(`map=${serialiseMapPosition(map)}`), [])).toEqual({
      lon: 109.41235,
      lat: 24.3,
      zoom: 10.46
    });
  });

  it('names every shared parameter once, so a page cannot take one for its own', () => {
    expect(new Set(SHARED_PARAMS).size).toBe(SHARED_PARAMS.length);
    expect(SHARED_PARAMS).toEqual(expect.arrayContaining(['ds', 'month', 'phase', 'bucket', 'unit', 'batch', 'q', 'box', 'lasso']));
  });
});
