/**
 * The console's SQL editor: CodeMirror 6 with DuckDB's SQL highlighted and the stable names'
 * tables and columns completed. Loaded by a dynamic import from the console page only, so no other
 * page carries CodeMirror.
 *
 * Keyboard: Ctrl/Cmd+Enter runs; Tab indents, as an SQL author expects, so it does not move focus:
 * Esc and then Tab leaves the editor (CodeMirror's tab-focus mode, which Esc turns on for two
 * seconds), Ctrl+M (Shift+Alt+M on macOS) turns it on for good; the hint under the editor says so.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { PostgreSQL, sql, SQLDialect, type SQLNamespace } from '@codemirror/lang-sql';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { setDiagnostics } from '@codemirror/lint';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';

/** PostgreSQL's SQL (DuckDB's parser is PostgreSQL's) and the statements DuckDB adds. */
const DUCKDB = SQLDialect.define({
  ...PostgreSQL.spec,
  keywords: `${PostgreSQL.spec.keywords} describe summarize qualify pivot unpivot`
});

export interface EditorMark {
  from: number;
  to: number;
  message: string;
}

export interface SqlEditorOptions {
  parent: HTMLElement;
  doc: string;
  /** Tables and their columns, for completion. */
  schema: SQLNamespace;
  /** The editor's accessible name, and the id of the element describing its keys. */
  label: string;
  describedBy: string;
  onChange(doc: string): void;
  onRun(): void;
}

export interface SqlEditor {
  /** Replaces the text (an example, a saved query) unless it is the text already. */
  setDoc(doc: string): void;
  /** Marks a refusal or an error where it is, and scrolls to it; null clears the mark. */
  mark(mark: EditorMark | null): void;
  setSchema(schema: SQLNamespace): void;
  setLabel(label: string): void;
  focus(): void;
  destroy(): void;
}

const theme = EditorView.theme({
  '&': { fontSize: '14px', background: '#fff', border: '1px solid var(--line)', borderRadius: '3px', height: '100%' },
  '&.cm-focused': { outline: '3px solid #0072b2', outlineOffset: '1px' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'Noto Sans Mono CJK SC', 'DejaVu Sans Mono', monospace", lineHeight: '1.5' },
  '.cm-gutters': { background: '#f4f6f8', color: '#5b6775', border: 'none' },
  '.cm-content': { padding: '6px 0' }
});

export function createSqlEditor(o: SqlEditorOptions): SqlEditor {
  const language = new Compartment();
  const attributes = new Compartment();
  const attrs = (label: string) => EditorView.contentAttributes.of({ 'aria-label': label, 'aria-describedby': o.describedBy });
  const lang = (schema: SQLNamespace) => sql({ dialect: DUCKDB, schema, upperCaseKeywords: true });
  const view = new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        autocompletion(),
        syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
        language.of(lang(o.schema)),
        attributes.of(attrs(o.label)),
        EditorView.lineWrapping,
        theme,
        Prec.highest(
          keymap.of([
            {
              key: 'Mod-Enter',
              run: (v) => {
                closeCompletion(v);
                o.onRun();
                return true;
              }
            }
          ])
        ),
        keymap.of([...closeBracketsKeymap, ...completionKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        })
      ]
    })
  });
  return {
    setDoc(doc) {
      if (doc === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
    },
    mark(mark) {
      const length = view.state.doc.length;
      const diagnostics = mark
        ? [
            {
              from: Math.min(mark.from, length),
              to: Math.min(Math.max(mark.to, mark.from), length),
              severity: 'error' as const,
              message: mark.message
            }
          ]
        : [];
      view.dispatch(setDiagnostics(view.state, diagnostics));
      if (mark) view.dispatch({ effects: EditorView.scrollIntoView(Math.min(mark.from, length), { y: 'center' }) });
    },
    setSchema: (schema) => view.dispatch({ effects: language.reconfigure(lang(schema)) }),
    setLabel: (label) => view.dispatch({ effects: attributes.reconfigure(attrs(label)) }),
    focus: () => view.focus(),
    destroy: () => view.destroy()
  };
}
