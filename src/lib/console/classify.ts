/**
 * The console's first guard: which text may reach DuckDB at all. Exactly one statement, a query
 * (SELECT, or DuckDB's FROM-first form of it, WITH … SELECT), or DESCRIBE, SUMMARIZE or EXPLAIN of
 * one; no word that starts a write or a setting anywhere outside strings, quoted names and
 * comments (DuckDB runs `WITH x AS (…) INSERT …` and `EXPLAIN ANALYZE DELETE …`). The engine adds
 * its own guards behind this one (runner.ts): its parser, and a read-only transaction.
 */
import { tokenize, type Token } from './tokens.ts';

export type QueryKind = 'select' | 'describe' | 'summarize' | 'explain';

/** Words that begin a statement that writes, loads or changes a setting: refused anywhere in a query. */
export const WRITE_WORDS: ReadonlySet<string> = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UPSERT',
  'CREATE',
  'DROP',
  'ALTER',
  'TRUNCATE',
  'COPY',
  'ATTACH',
  'DETACH',
  'INSTALL',
  'LOAD',
  'PRAGMA',
  'CALL',
  'SET',
  'RESET',
  'USE',
  'EXPORT',
  'IMPORT',
  'VACUUM',
  'CHECKPOINT',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'ABORT',
  'GRANT',
  'REVOKE',
  'PREPARE',
  'EXECUTE',
  'DEALLOCATE'
]);

/** The words a statement may begin with, and what kind of statement each begins. */
const LEADS: Readonly<Record<string, QueryKind>> = {
  SELECT: 'select',
  FROM: 'select',
  WITH: 'select',
  DESCRIBE: 'describe',
  SUMMARIZE: 'summarize',
  EXPLAIN: 'explain'
};
const QUERY_WORDS = new Set(['SELECT', 'FROM', 'WITH']);

export type Refusal = 'empty' | 'multiple' | 'kind' | 'write';

export type Verdict =
  | {
      ok: true;
      kind: QueryKind;
      /**
       * The statement as DuckDB gets it, ending at its last token (no trailing ';' or comment), so
       * it can be wrapped in a subquery; as long as the text up to there, so positions match.
       */
      sql: string;
    }
  | {
      ok: false;
      reason: Refusal;
      /** The word refused ('kind', 'write'), as written. */
      word?: string;
      /** Where the offending part is (UTF-16 offsets into the text); the whole text for 'empty'. */
      from: number;
      to: number;
    };

const refuse = (reason: Refusal, token: Token, sql: string): Verdict => ({
  ok: false,
  reason,
  word: reason === 'kind' || reason === 'write' ? sql.slice(token.start, token.end) : undefined,
  from: token.start,
  to: token.end
});

const isPunct = (t: Token | undefined, c: string) => t?.kind === 'punct' && t.text === c;
const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text === w;

/** Index just past the parenthesised group opening at `open`. */
function pastGroup(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth += 1;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i + 1;
  }
  return tokens.length;
}

/**
 * The token where a WITH statement's main statement begins: after each CTE's body a ',' leads to
 * the next CTE; anything but AS or USING (a column list or USING KEY comes before AS) begins it.
 */
function afterCtes(tokens: Token[], withAt: number): number {
  let i = withAt + 1;
  while (i < tokens.length) {
    if (isPunct(tokens[i], '(')) {
      i = pastGroup(tokens, i);
      const next = tokens[i];
      if (isPunct(next, ',') || isWord(next, 'AS') || isWord(next, 'USING')) continue;
      return i;
    }
    i += 1;
  }
  return i;
}

/** The index of the first word of the query at `i` (past opening parentheses), or -1 if none is there. */
function queryAt(tokens: Token[], i: number): number {
  while (isPunct(tokens[i], '(')) i += 1;
  const t = tokens[i];
  if (!t || t.kind !== 'word' || !QUERY_WORDS.has(t.text)) return -1;
  return t.text !== 'WITH' || queryAt(tokens, afterCtes(tokens, i)) >= 0 ? i : -1;
}

/** Whether the tokens from `i` are something DESCRIBE/SUMMARIZE/EXPLAIN may be applied to; else the token refused. */
function checkInner(tokens: Token[], lead: string, i: number): number {
  if (lead === 'EXPLAIN') {
    if (isWord(tokens[i], 'ANALYZE') || isWord(tokens[i], 'ANALYSE')) i += 1;
    else if (isPunct(tokens[i], '(') && (isWord(tokens[i + 1], 'FORMAT') || isWord(tokens[i + 1], 'ANALYZE'))) i = pastGroup(tokens, i);
    return queryAt(tokens, i) >= 0 ? -1 : Math.min(i, tokens.length - 1);
  }
  // DESCRIBE / SUMMARIZE: nothing, a table's name, or a query.
  const t = tokens[i];
  if (!t || t.kind === 'quoted' || (t.kind === 'word' && !QUERY_WORDS.has(t.text) && !WRITE_WORDS.has(t.text))) return -1;
  return queryAt(tokens, i) >= 0 ? -1 : i;
}

/** Decides whether `text` may run in the console; see the module comment. */
export function classify(text: string): Verdict {
  const statements: Token[][] = [[]];
  for (const t of tokenize(text)) {
    if (isPunct(t, ';')) statements.push([]);
    else statements.at(-1)!.push(t);
  }
  const [statement, second] = statements.filter((s) => s.length > 0);
  if (!statement) return { ok: false, reason: 'empty', from: 0, to: text.length };
  if (second) return refuse('multiple', second[0], text);
  const write = statement.find((t) => t.kind === 'word' && WRITE_WORDS.has(t.text));
  if (write) return refuse('write', write, text);
  const leadAt = isPunct(statement[0], '(') ? queryAt(statement, 0) : 0;
  if (leadAt < 0) return refuse('kind', statement.find((t) => t.kind === 'word') ?? statement[0], text);
  const lead = statement[leadAt];
  const kind = lead.kind === 'word' ? LEADS[lead.text] : undefined;
  if (!kind) return refuse('kind', lead, text);
  if (lead.text === 'WITH' && queryAt(statement, leadAt) < 0) {
    return refuse('kind', statement[Math.min(afterCtes(statement, leadAt), statement.length - 1)], text);
  }
  if (kind !== 'select') {
    const bad = checkInner(statement, lead.text, leadAt + 1);
    if (bad >= 0) return refuse('kind', statement[bad], text);
  }
  // What comes before the statement (comments, a stray ';') becomes blank, so offsets still match the text.
  const before = text.slice(0, statement[0].start).replace(/[^\n]/g, ' ');
  return { ok: true, kind, sql: before + text.slice(statement[0].start, statement.at(-1)!.end) };
}
