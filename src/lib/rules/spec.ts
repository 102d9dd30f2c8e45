/**
 * A small schema language for JSON configuration: each spec checks a value and, when it is
 * wrong, reports the key path and what is allowed. Nothing is ever filled in: a value that does
 * not fit is an issue, and the caller refuses the whole document.
 */

/** A text in both languages: English for the CLI and the English page, Chinese for the Chinese page. */
export interface Words {
  en: string;
  zh: string;
}

/**
 * One thing wrong with a document: where (`rag.amber_max_points_behind`), what is wrong and what is
 * allowed, in English, and in Chinese under `zh` (the pages show the one of their language).
 */
export interface SpecIssue {
  path: string;
  message: string;
  allowed: string;
  zh?: { message: string; allowed: string };
}

/** An issue from texts in both languages. */
export function specIssue(path: string, message: Words, allowed: Words): SpecIssue {
  return { path, message: message.en, allowed: allowed.en, zh: { message: message.zh, allowed: allowed.zh } };
}

export interface Spec<T> {
  /** What the spec allows, in words (goes into issues). */
  readonly allowed: string;
  readonly allowedZh: string;
  check(value: unknown, path: string, issues: SpecIssue[]): value is T;
}

export type Infer<S> = S extends Spec<infer T> ? T : never;

const wordsOf = (s: Spec<unknown>): Words => ({ en: s.allowed, zh: s.allowedZh });

const spec = <T>(allowed: Words, test: (v: unknown, path: string, issues: SpecIssue[]) => boolean): Spec<T> => ({
  allowed: allowed.en,
  allowedZh: allowed.zh,
  check(value, path, issues): value is T {
    const before = issues.length;
    const ok = test(value, path, issues);
    if (!ok && issues.length === before) issues.push(notAllowed(path, value, allowed));
    return ok;
  }
});

const notAllowed = (path: string, value: unknown, allowed: Words): SpecIssue =>
  specIssue(path, { en: `${describe(value)} is not allowed`, zh: `不能是 ${describe(value)}` }, allowed);

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const join = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : path ? `${path}.${key}` : key;

/** A finite number in [min, max]; `integer` for counts and days. */
export function num(min: number, max: number, options: { integer?: boolean } = {}): Spec<number> {
  const kind = options.integer ? 'an integer' : 'a number';
  return spec(
    { en: `${kind} from ${min} to ${max}`, zh: `${min} 到 ${max} 之间的${options.integer ? '整数' : '数'}` },
    (v) => typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!options.integer || Number.isInteger(v))
  );
}

/** 万元 as an exact decimal: a number of at most two decimals, from 0 up. */
export const money: Spec<number> = spec(
  { en: '万元: a number ≥ 0 with at most two decimals', zh: '万元：不小于 0、至多两位小数的数' },
  (v) => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return false;
    return /^\d+(\.\d{1,2})?$/.test(String(v));
  }
);

/** A share of a whole: 0 to 1 (0.83 is 83%). */
export const share: Spec<number> = num(0, 1);

export function text(pattern?: RegExp, allowed: Words | string = { en: 'a non-empty string', zh: '非空文字' }): Spec<string> {
  return spec(
    typeof allowed === 'string' ? { en: allowed, zh: allowed } : allowed,
    (v) => typeof v === 'string' && v.trim().length > 0 && (!pattern || pattern.test(v))
  );
}

export const bool: Spec<boolean> = spec({ en: 'true or false', zh: 'true 或 false' }, (v) => typeof v === 'boolean');

export function oneOf<const V extends string | number>(values: readonly V[]): Spec<V> {
  const quoted = values.map((v) => JSON.stringify(v));
  return spec({ en: `one of ${quoted.join(', ')}`, zh: `${quoted.join('、')} 之一` }, (v) => (values as readonly unknown[]).includes(v));
}

export function list<T>(item: Spec<T>, options: { min?: number; max?: number } = {}): Spec<T[]> {
  const { min = 0, max = Infinity } = options;
  const size = max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  const sizeZh = max === Infinity ? `至少 ${min} 项` : `${min} 到 ${max} 项`;
  const allowed = { en: `a list of ${size} items, each ${item.allowed}`, zh: `列表，${sizeZh}，每项为${item.allowedZh}` };
  return spec(allowed, (v, path, issues) => {
    if (!Array.isArray(v)) return false;
    if (v.length < min || v.length > max) {
      issues.push(specIssue(path, { en: `${v.length} items`, zh: `${v.length} 项` }, { en: `${size} items`, zh: sizeZh }));
      return false;
    }
    let ok = true;
    v.forEach((x, i) => (ok = item.check(x, join(path, i), issues) && ok));
    return ok;
  });
}

type Shape = Record<string, Spec<unknown>>;
type Fields<R extends Shape, O extends Shape> = { [K in keyof R]: Infer<R[K]> } & { [K in keyof O]?: Infer<O[K]> };
type Flat<T> = { [K in keyof T]: T[K] };

/**
 * An object with exactly these keys: `required` must be there, `optional` may be. Any other key
 * is an issue naming the keys allowed (a misspelt key must not be ignored).
 */
export function obj<R extends Shape, O extends Shape = Record<never, never>>(required: R, optional?: O): Spec<Flat<Fields<R, O>>> {
  const opt: Shape = optional ?? {};
  const keys = [...Object.keys(required), ...Object.keys(opt)];
  return spec({ en: `an object with keys ${keys.join(', ')}`, zh: `含键 ${keys.join('、')} 的对象` }, (v, path, issues) => {
    if (!isObject(v)) return false;
    let ok = true;
    for (const key of Object.keys(v)) {
      if (keys.includes(key)) continue;
      issues.push(
        specIssue(
          join(path, key),
          { en: 'unknown key', zh: '未知的键' },
          { en: `the keys ${keys.join(', ')}`, zh: `键 ${keys.join('、')}` }
        )
      );
      ok = false;
    }
    for (const [key, s] of Object.entries(required)) {
      if (!(key in v)) {
        issues.push(specIssue(join(path, key), { en: 'missing', zh: '缺少' }, wordsOf(s)));
        ok = false;
      } else ok = s.check(v[key], join(path, key), issues) && ok;
    }
    for (const [key, s] of Object.entries(opt)) if (key in v) ok = s.check(v[key], join(path, key), issues) && ok;
    return ok;
  });
}

/** One of several object shapes, told apart by the value of `tag` (e.g. `kind`). */
export function tagged<K extends string, M extends Record<string, Spec<unknown>>>(tag: K, variants: M): Spec<Infer<M[keyof M]>> {
  const tags = Object.keys(variants);
  const allowed = { en: `an object whose "${tag}" is one of ${tags.join(', ')}`, zh: `"${tag}" 为 ${tags.join('、')} 之一的对象` };
  return spec(allowed, (v, path, issues) => {
    if (!isObject(v)) return false;
    const which = v[tag];
    if (typeof which !== 'string' || !tags.includes(which)) {
      issues.push(notAllowed(join(path, tag), which, { en: `one of ${tags.join(', ')}`, zh: `${tags.join('、')} 之一` }));
      return false;
    }
    return variants[which].check(v, path, issues);
  });
}
