/**
 * The comparison page's own state in its URL: its two sides (`a`, and `b` or an earlier month `am`)
 * and the path that led there (`via`). Side A is at the month shown (the shared month).
 */
import { parseDrillPath, serialiseDrillPath, type DrillPath, type DrillTarget } from '../../state/drill.ts';
import type { UrlNotice } from '../../state/url-values.ts';
import type { Workspace } from '../../workspace/workspace.svelte.ts';
import { comparisonParams, earlierMonth, readComparison, type Comparison } from './compare.ts';
import type { Here } from './links.ts';

export class CompareSettings {
  readonly path: DrillPath;
  /** Side A's district or sector (null when the URL names none the dataset knows). */
  a = $state.raw<DrillTarget | null>(null);
  /** Side B's district or sector when it is another one; null when B is A at an earlier month. */
  b = $state.raw<DrillTarget | null>(null);
  /** Side B's month when B is A at an earlier month. */
  am = $state<string | null>(null);
  readonly asked: string | null;
  readonly #ws: Workspace;

  constructor(ws: Workspace, params: URLSearchParams) {
    this.#ws = ws;
    this.path = parseDrillPath(params.get('via'), ws.districtNames);
    this.asked = params.get('a');
    const notices: UrlNotice[] = [];
    const c = readComparison(params, { districts: ws.districtNames, months: ws.months, month: ws.month }, notices);
    if (notices.length) ws.notices = [...ws.notices, ...notices];
    if (c) {
      this.a = c.a.target;
      this.b = c.b.target.key === c.a.target.key ? null : c.b.target;
      this.am = this.b ? null : c.b.month;
    }
  }

  /** The two sides at the month shown now. */
  comparison(month: string): Comparison | null {
    if (!this.a) return null;
    if (this.b) return { a: { target: this.a, month }, b: { target: this.b, month } };
    const am = this.am ?? earlierMonth(this.#ws.months, month);
    return am ? { a: { target: this.a, month }, b: { target: this.a, month: am } } : null;
  }

  /** Where links from this page are made (its path; it shows no single district). */
  get here(): Here {
    return { path: this.path, current: null };
  }

  params(): URLSearchParams {
    const c = this.comparison(this.#ws.month);
    const p = c ? comparisonParams(c, this.#ws.month) : new URLSearchParams(this.asked ? { a: this.asked } : {});
    if (this.b === null && this.am !== null) p.set('am', this.am);
    const via = serialiseDrillPath(this.path);
    if (via) p.set('via', via);
    return p;
  }

  /** Compares A with another district or sector at the month shown. */
  setOther(b: DrillTarget): void {
    this.b = b;
    this.am = null;
    this.#ws.writeUrl();
  }

  /** Compares A at the month shown with A at `month`. */
  setMonth(month: string): void {
    this.b = null;
    this.am = month;
    this.#ws.writeUrl();
  }
}
