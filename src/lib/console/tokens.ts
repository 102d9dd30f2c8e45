/**
 * SQL split into tokens by DuckDB's lexical rules (its scanner is PostgreSQL's): strings '…' with
 * '' inside, E'…' with backslash escapes, dollar-quoted $tag$…$tag$, quoted names "…" with "",
 * -- line comments and nested /* block comments *\/. Comments and whitespace are left out. An
 * unterminated string, name or comment runs to the end (DuckDB then reports the syntax error).
 *
 * Only what the console's classifier needs: words, quoted names, strings and single punctuation.
 */

export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The token's text; a word upper-cased, a quoted name without its quotes. */
  text: string;
  /** UTF-16 offsets into the SQL. */
  start: number;
  end: number;
}

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;
const TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/** The end of a quoted run starting at `from` (just after its opening quote): past the closing quote, or the SQL's end. */
function quotedEnd(sql: string, from: number, quote: string, backslash: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote && sql[i + 1] === quote) i += 2;
    else if (c === quote) return i + 1;
    else i += 1;
  }
  return sql.length;
}

/** The end of a block comment starting at `from` (at its "/*"); they nest. */
function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return sql.length;
}

/** The tokens of `sql`, in order. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, text = sql.slice(start, end)) => {
    tokens.push({ kind, text, start, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i];
    if (/\s/.test(c)) i += 1;
    else if (sql.startsWith('--', i)) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl + 1;
    } else if (sql.startsWith('/*', i)) i = blockCommentEnd(sql, i);
    else if (c === "'") push('string', i, quotedEnd(sql, i + 1, "'", false));
    else if ((c === 'e' || c === 'E') && sql[i + 1] === "'") push('string', i, quotedEnd(sql, i + 2, "'", true));
    else if (c === '"') {
      const end = quotedEnd(sql, i + 1, '"', false);
      push('quoted', i, end, sql.slice(i + 1, sql[end - 1] === '"' && end - 1 > i ? end - 1 : end).replaceAll('""', '"'));
    } else if (c === '$' && TAG.test(sql.slice(i, i + 64))) {
      const tag = TAG.exec(sql.slice(i, i + 64))![0];
      const close = sql.indexOf(tag, i + tag.length);
      push('string', i, close < 0 ? sql.length : close + tag.length);
    } else if (WORD_START.test(c)) {
      let end = i + 1;
      while (end < sql.length && WORD_PART.test(sql[end])) end += 1;
      // A prefixed string (X'…', B'…', N'…') is one string token.
      if (sql[end] === "'" && end - i === 1) push('string', i, quotedEnd(sql, end + 1, "'", false));
      else push('word', i, end, sql.slice(i, end).toUpperCase());
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(sql[i + 1] ?? ''))) {
      let end = i + 1;
      while (end < sql.length && /[0-9._eExXa-fA-F]/.test(sql[end])) end += 1;
      push('number', i, end);
    } else push('punct', i, i + 1);
  }
  return tokens;
}
