/**
 * A view's data client: says what it needs with `query(ctx)` and receives the Arrow table.
 * Create one with `core.client(spec)`, or in a component with `useQuery` (workspace/use-query.svelte.ts).
 */
import { MosaicClient, type QueryError } from '@uwdata/mosaic-core';
import type { FilterExpr, Query } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import type { Table } from '@uwdata/flechette';
import type { Month } from '../metrics/month.ts';
import type { MetricRules } from '../metrics/preset.ts';
import type { LoadableTable } from '../schema.ts';
import type { FilterDimension } from '../state/dimensions.ts';
import type { LocalSpec } from './local/answers.ts';

/** What a client's query is built from. */
export interface QueryContext {
  /**
   * The cross-filter predicate for this client (dimensions it owns left out, the route's scope
   * always in); pass to `.where()`.
   */
  filter: FilterExpr | undefined;
  month: Month;
  rules: MetricRules;
  /** False for a public build: internal metrics are NULL. */
  internal: boolean;
  /** FROM entry of the project facts as at the month: `Query.from(ctx.facts)`. */
  facts: FactsSource;
  /** FROM entry of another month's facts; only for months the client declares in `months`. */
  factsOf(month: Month): FactsSource;
  /**
   * The query is a row view's base for answers in the page (db/local/: no filter): a ranked list
   * (`local.top`) then gives every row in its order, without its LIMIT.
   */
  base?: boolean;
}

export interface ClientSpec {
  query(ctx: QueryContext): Query | string | null;
  result(data: Table): void;
  pending?(): void;
  error?(error: QueryError): void;
  /** Filter dimensions this view sets itself; it is not filtered by them (cross-filtering). */
  owns?: readonly FilterDimension[];
  /**
   * What kind of answer the query gives, for small datasets to be answered in the page
   * (db/local/answers.ts); a view without it always asks the database.
   */
  local?: LocalSpec;
  /**
   * Months the query reads besides the current one (`ctx.factsOf(m)`), e.g. the month before for
   * a change since last month: their facts are loaded ahead of the query, and kept while the
   * client lives.
   */
  months?(current: Month): Month[];
  /** Source tables the query reads whole by name (projects, monthly, problems), loaded ahead of it. */
  tables?: readonly LoadableTable[];
  /**
   * Its queries go ahead of the other views' queries and loads once its own months and tables
   * are in: the rows on screen a view asks for after its first answer (row-window.svelte.ts).
   */
  urgent?: boolean;
}

/** The part of the query core a client talks to. */
export interface ClientHost {
  context(client: MosaicClient): QueryContext;
  release(client: MosaicClient): void;
}

export class CoreClient extends MosaicClient {
  readonly #host: ClientHost;
  readonly #spec: ClientSpec;

  constructor(host: ClientHost, spec: ClientSpec, selection: ConstructorParameters<typeof MosaicClient>[0]) {
    super(selection);
    this.#host = host;
    this.#spec = spec;
  }

  get owns(): readonly FilterDimension[] {
    return this.#spec.owns ?? [];
  }

  get local(): LocalSpec | undefined {
    return this.#spec.local;
  }

  /** The months this client reads besides `current`. */
  monthsFor(current: Month): Month[] {
    return this.#spec.months?.(current).filter((m) => m.key !== current.key) ?? [];
  }

  get tables(): readonly LoadableTable[] {
    return this.#spec.tables ?? [];
  }

  get urgent(): boolean {
    return this.#spec.urgent ?? false;
  }

  /** The view's query for another context (its unfiltered rows, for a local answer). */
  queryFor(ctx: QueryContext): Query | string | null {
    return this.#spec.query(ctx);
  }

  /** Filtering changes the rows behind any grouping, so pre-aggregation never applies. */
  override get filterStable(): boolean {
    return false;
  }

  // mosaic passes a predicate that drops *every* filter when this client set the last one;
  // the context recomputes it so only the dimensions this client owns are left out.
  override query(): Query | string | null {
    return this.#spec.query(this.#host.context(this));
  }

  override queryPending(): this {
    this.#spec.pending?.();
    return this;
  }

  override queryResult(data: unknown): this {
    this.#spec.result(data as Table);
    return this;
  }

  override queryError(error: QueryError): this {
    this.#spec.error?.(error);
    return this;
  }

  override destroy(): void {
    this.#host.release(this);
    super.destroy();
  }
}
