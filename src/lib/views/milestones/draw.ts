/**
 * Draws the Gantt chart's rows in view on a canvas: per project its planned span (light), its
 * actual span coloured by slip class (to the "today" line while it runs), a diamond at an actual
 * completion, and a dashed line where a start is overdue; group headings as bands; the today line.
 */
import { hex, type Rgb } from '../../charts/colors.ts';
import { rowAt, type GanttLayout } from './layout.ts';
import { SLIP_COLORS, slipClass } from './slip.ts';
import { dayX, type DayScale } from './time-axis.ts';

/** A chart row as the rows query gives it; dates are epoch days. */
export interface MilestoneRow {
  row_key: number;
  id: string;
  name: string;
  district_code: string;
  district_name: string;
  sector: string;
  phase: string;
  rag: string | null;
  planned_start: number | null;
  planned_completion: number | null;
  actual_start: number | null;
  actual_completion: number | null;
  /** Whether actual dates are known (not in a public build). */
  dated: boolean;
  slip_days: number | null;
}

export type GanttVariant = 'screen' | 'wall';

export interface GanttPalette {
  background: string;
  band: string;
  grid: string;
  planned: string;
  plannedEdge: string;
  today: string;
  pending: string;
}

export const PALETTES: Record<GanttVariant, GanttPalette> = {
  screen: {
    background: '#ffffff',
    band: '#eef1f5',
    grid: '#e3e6ea',
    planned: '#dfe4ea',
    plannedEdge: '#9aa5b1',
    today: '#1f4e8c',
    pending: '#f0f0f0'
  },
  wall: {
    background: '#0b1220',
    band: '#18243a',
    grid: '#1f2b40',
    planned: '#2d3b52',
    plannedEdge: '#7d8ca3',
    today: '#7cc4ff',
    pending: '#1a2333'
  }
};

export interface GanttFrame {
  ctx: CanvasRenderingContext2D;
  width: number;
  height: number;
  rowPx: number;
  layout: GanttLayout;
  first: number;
  last: number;
  /** Content offset of the view's top (px). */
  offset: number;
  /** The project at a place in the order, or null while its window is not in. */
  project(order: number): MilestoneRow | null;
  scale: DayScale;
  today: number;
  /** x of the axis' ticks (grid lines). */
  ticks: readonly number[];
  palette: GanttPalette;
}

const colour = (c: Rgb) => hex(c);

/** Draws one project's bars in the row whose top is at y; returns whether it had a bar to draw. */
function drawProject(f: GanttFrame, r: MilestoneRow, y: number): boolean {
  const { ctx, rowPx, scale, palette } = f;
  const x = (d: number) => dayX(scale, d);
  const cls = colour(SLIP_COLORS[slipClass(r.slip_days)]);
  let drawn = false;
  if (r.planned_start !== null && r.planned_completion !== null) {
    const x0 = x(r.planned_start);
    const w = Math.max(2, x(r.planned_completion) - x0);
    ctx.fillStyle = palette.planned;
    ctx.fillRect(x0, y + rowPx * 0.18, w, rowPx * 0.64);
    ctx.strokeStyle = palette.plannedEdge;
    ctx.lineWidth = 1;
    ctx.strokeRect(x0 + 0.5, y + rowPx * 0.18 + 0.5, w - 1, rowPx * 0.64 - 1);
    drawn = true;
  }
  if (r.actual_start !== null) {
    const end = r.actual_completion ?? Math.max(r.actual_start, f.today);
    const x0 = x(r.actual_start);
    ctx.fillStyle = cls;
    ctx.fillRect(x0, y + rowPx * 0.34, Math.max(3, x(end) - x0), rowPx * 0.32);
    drawn = true;
  } else if (r.planned_start !== null && r.planned_start < f.today) {
    ctx.strokeStyle = cls;
    ctx.lineWidth = Math.max(2, rowPx / 10);
    ctx.setLineDash([rowPx / 5, rowPx / 8]);
    ctx.beginPath();
    ctx.moveTo(x(r.planned_start), y + rowPx / 2);
    ctx.lineTo(x(f.today), y + rowPx / 2);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  if (r.actual_completion !== null) {
    const cx = x(r.actual_completion);
    const s = rowPx * 0.3;
    ctx.fillStyle = cls;
    ctx.beginPath();
    ctx.moveTo(cx, y + rowPx / 2 - s);
    ctx.lineTo(cx + s, y + rowPx / 2);
    ctx.lineTo(cx, y + rowPx / 2 + s);
    ctx.lineTo(cx - s, y + rowPx / 2);
    ctx.closePath();
    ctx.fill();
  }
  return drawn;
}

/** Draws the frame; returns how many projects' bars were drawn. */
export function drawGantt(f: GanttFrame): number {
  const { ctx, width, height, rowPx, palette } = f;
  ctx.fillStyle = palette.background;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = palette.grid;
  for (const tx of f.ticks) ctx.fillRect(Math.round(tx), 0, 1, height);
  let bars = 0;
  for (let i = f.first; i <= f.last; i++) {
    const row = rowAt(f.layout, i);
    if (!row) continue;
    const y = i * rowPx - f.offset;
    if (row.kind === 'group') {
      ctx.fillStyle = palette.band;
      ctx.fillRect(0, y, width, rowPx);
      continue;
    }
    const r = f.project(row.order);
    if (!r) {
      ctx.fillStyle = palette.pending;
      ctx.fillRect(0, y + rowPx * 0.3, width, rowPx * 0.4);
      continue;
    }
    if (drawProject(f, r, y)) bars++;
  }
  const tx = Math.round(dayX(f.scale, f.today));
  ctx.fillStyle = palette.today;
  ctx.fillRect(tx - 1, 0, 2, height);
  return bars;
}
