/** The league table's picture: its layout fits every text, figures right-aligned, and its drawing writes every cell. */
import { describe, expect, it } from 'vitest';
import { drawPicture, FONTS, layoutPicture, type Measure, type PictureTable } from '../../../src/lib/views/league/league-png.ts';

/** A stand-in for measureText: each character as wide as the font's size (CJK text is about that). */
const measure: Measure = (text, font) => [...text].length * Number(/(\d+)px/.exec(font)![1]);

const table = (): PictureTable => ({
  title: '丽水市：县（市、区）和园区排名',
  subtitle: '排名周期：每月一排（2018-09）',
  header: ['名次', '单位', '综合得分', '投资完成率'],
  leftColumns: [1],
  rows: [
    { cells: ['1', '莲都区', '42.00', '81.2% #1'], tone: 'red' },
    { cells: ['并列2', '丽水经济技术开发区管理委员会', '40.50', '70.0% #2'], tone: null },
    { cells: ['并列2', '云和县', '40.50', '—'], tone: 'black' }
  ],
  notes: ['红榜（前 5 名且达标）：莲都区', '来源：挂图作战一张图']
});

describe('the league table picture', () => {
  it('makes each column as wide as its widest text, side by side, the figures right-aligned', () => {
    const t = table();
    const layout = layoutPicture(t, measure);
    t.header.forEach((h, i) => {
      const widest = Math.max(measure(h, FONTS.header), ...t.rows.map((r) => measure(r.cells[i], FONTS.cell)));
      expect(layout.columns[i].width).toBeGreaterThanOrEqual(widest);
      if (i > 0) expect(layout.columns[i].x).toBe(layout.columns[i - 1].x + layout.columns[i - 1].width);
    });
    expect(layout.columns.map((c) => c.align)).toEqual(['right', 'left', 'right', 'right']);
    const last = layout.columns.at(-1)!;
    expect(layout.width).toBeGreaterThanOrEqual(last.x + last.width);
    expect(layout.width).toBeGreaterThanOrEqual(measure(t.title, FONTS.title));
  });

  it('grows one row height per unit and one line per note', () => {
    const t = table();
    const a = layoutPicture(t, measure);
    const b = layoutPicture({ ...t, rows: [...t.rows, t.rows[1]], notes: [...t.notes, 'x'] }, measure);
    expect(b.notesTop - a.notesTop).toBe(a.rowHeight);
    expect(b.height - a.height).toBeGreaterThan(a.rowHeight);
  });

  it('writes every header, cell and note, the red list in red', () => {
    const t = table();
    const written: { text: string; fill: string }[] = [];
    const g = {
      fillStyle: '',
      fillRect: () => undefined,
      fillText(this: { fillStyle: string }, text: string) {
        written.push({ text, fill: this.fillStyle });
      },
      beginPath: () => undefined,
      moveTo: () => undefined,
      lineTo: () => undefined,
      stroke: () => undefined
    } as unknown as CanvasRenderingContext2D;
    drawPicture(g, t, layoutPicture(t, measure));
    const texts = written.map((w) => w.text);
    for (const s of [t.title, t.subtitle, ...t.header, ...t.rows.flatMap((r) => r.cells), ...t.notes]) expect(texts).toContain(s);
    expect(written.find((w) => w.text === '莲都区')!.fill).toBe('#a1251b');
    expect(written.find((w) => w.text === '云和县')!.fill).toBe('#1b2733');
  });
});
