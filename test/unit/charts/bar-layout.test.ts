import { describe, expect, it } from 'vitest';
import { estimateWidth, fitLabel, pageBarLayout, wallBarLayout, wrapLabel } from '../../../src/lib/charts/bar-layout.ts';

const district = (label: string, value: string) => ({ label, value, detail: '181 projects · −1.5 pp' });

describe('a bar label', () => {
  it('is kept whole when it fits and cut with an ellipsis when it does not', () => {
    expect(fitLabel('柳江区', 40)).toBe('柳江区');
    expect(fitLabel('三江侗族自治县', 40)).toBe('三江…');
  });

  it('wraps between words into two lines as even as can be, cut when a line is still too long', () => {
    expect(wrapLabel('Sanjiang Dong Autonomous County', 120)).toEqual(['Sanjiang Dong', 'Autonomous County']);
    expect(wrapLabel('Liujiang', 120)).toEqual(['Liujiang']);
    expect(wrapLabel('Rongshui Miao Autonomous County Extra Words', 120)).toEqual(['Rongshui Miao Aut…', 'County Extra Words']);
    // A name without spaces cannot wrap: it is cut.
    expect(wrapLabel('三江侗族自治县三江侗族自治县', 100)).toEqual(['三江侗族自治县…']);
  });
});

describe('the page layout', () => {
  it('sizes the drawing to its labels and values, as the chart always has', () => {
    const layout = pageBarLayout([district('Liujiang', 'CNY 15.37 bn'), district('Sanjiang Dong Autonomous County', 'CNY 7.34 bn')], false);
    const valueRoom = estimateWidth('CNY 15.37 bn · 181 projects · −1.5 pp') + 6;
    expect(layout.labelWidth).toBe(160);
    expect(layout.width).toBe(160 + valueRoom + 110);
    expect(layout.height).toBe(48);
    expect(layout.rows.map((r) => r.y)).toEqual([0, 24]);
    expect(layout.rows[1].lines).toEqual([fitLabel('Sanjiang Dong Autonomous County', 152)]);
    expect(layout.rows[0].value).toBe('CNY 15.37 bn · 181 projects · −1.5 pp');
  });

  it("fits its labels and values to the width function it is given (the page's font, once in the page)", () => {
    const wider = (s: string) => estimateWidth(s) * 1.1;
    const rows = [district('Liujiang', 'CNY 15.37 bn'), district('Rongshui Miao Autonomous County', 'CNY 7.34 bn')];
    const estimated = pageBarLayout(rows, true);
    const measured = pageBarLayout(rows, true, wider);
    expect(measured.labelWidth).toBe(160);
    expect(wider(measured.rows[1].lines[0])).toBeLessThanOrEqual(152);
    expect(wider(estimated.rows[1].lines[0])).toBeGreaterThan(152);
    expect(measured.width).toBe(160 + wider('CNY 15.37 bn · 181 projects · −1.5 pp') + 6 + 18 + 110);
  });
});

describe('the wall layout', () => {
  const rows = [district('Liujiang', 'CNY 15.37 bn'), district('Sanjiang Dong Autonomous County', 'CNY 7.34 bn')];

  it('keeps the width it is given, the names wrapped and the details said when the bars keep a fifth of it', () => {
    const layout = wallBarLayout(rows, false, 520);
    expect(layout.width).toBe(520);
    expect(layout.rows[1].lines).toEqual(['Sanjiang Dong', 'Autonomous County']);
    expect(layout.rows[0].value).toBe('CNY 15.37 bn · 181 projects · −1.5 pp');
    expect(layout.barRoom).toBeGreaterThanOrEqual(520 / 5);
    // The wrapped row is taller, and the next row starts below it.
    expect(layout.rows[1].height).toBeGreaterThan(layout.rows[0].height);
    expect(layout.height).toBe(layout.rows[1].y + layout.rows[1].height);
  });

  it('leaves the details out before the bars get less than a fifth of the width', () => {
    const layout = wallBarLayout(rows, false, 380);
    expect(layout.rows.map((r) => r.value)).toEqual(['CNY 15.37 bn', 'CNY 7.34 bn']);
    expect(layout.barRoom).toBeGreaterThanOrEqual(380 / 5);
  });

  it('cuts the names to the room a narrow chart has, the bars keeping theirs', () => {
    const layout = wallBarLayout(rows, false, 240);
    expect(layout.barRoom).toBeGreaterThanOrEqual(60);
    for (const line of layout.rows.flatMap((r) => r.lines)) expect(estimateWidth(line)).toBeLessThanOrEqual(layout.labelWidth - 8);
    expect(layout.rows[1].lines.at(-1)).toMatch(/…$/);
  });

  it('measures with the width function it is given', () => {
    const narrow = wallBarLayout(rows, false, 380, (s) => estimateWidth(s) * 0.7);
    expect(narrow.rows[0].value).toBe('CNY 15.37 bn · 181 projects · −1.5 pp');
  });
});
