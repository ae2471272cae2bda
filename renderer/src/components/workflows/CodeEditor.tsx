import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, indentMore, indentLess } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting, syntaxTree } from '@codemirror/language';
import { lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import { Compartment, EditorState, StateEffect } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

export interface CodeEditorHandle {
  /** Puts `text` at the caret (replacing the selection) and focuses the editor. */
  insert(text: string): void;
}

interface Props {
  value: string;
  onChange(value: string): void;
  /** Its accessible name (a label's id can't name an element inside a shadow root). */
  label: string;
  /** A description, as text (for the same reason). */
  description?: string;
  readOnly?: boolean;
  /** The line the last run threw at, and what it threw. */
  runError: { line: number; message: string } | null;
}

/** Syntax errors from the parser's tree (JavaScript, as the sandbox runs it: the body of an async function). */
function syntaxDiagnostics(view: EditorView): Diagnostic[] {
  const found: Diagnostic[] = [];
  syntaxTree(view.state).iterate({
    enter(node) {
      if (!node.type.isError || found.length >= 20) return;
      const from = Math.min(node.from, view.state.doc.length);
      found.push({ from, to: Math.max(from, node.to), severity: 'error', message: 'Syntax error: this code can’t run as written.' });
    },
  });
  return found;
}

/**
 * The editor's look. CodeMirror writes its styles at run time; in a document it would add
 * a <style> element, which the app's CSP (style-src 'self') refuses, so the editor lives
 * in a shadow root, where its styles go into constructed style sheets instead. The app's
 * colour variables reach in (custom properties inherit into shadow roots).
 */
const THEME = EditorView.theme({
  '&': {
    minHeight: '180px',
    maxHeight: '480px',
    fontSize: 'var(--text-sm)',
    color: 'var(--color-text)',
    background: 'var(--color-surface)',
    border: '1px solid var(--color-border-strong)',
    borderRadius: 'var(--radius-md)',
  },
  '&.cm-focused': { outline: 'none', boxShadow: 'var(--focus-ring)' },
  '.cm-scroller': { fontFamily: 'var(--font-mono)', lineHeight: '1.55' },
  '.cm-gutters': {
    color: 'var(--color-text-muted)',
    background: 'var(--color-surface-sunken)',
    borderRight: '1px solid var(--color-border)',
    borderRadius: 'var(--radius-md) 0 0 var(--radius-md)',
  },
  '.cm-activeLine': { background: 'rgb(38 71 200 / 0.05)' },
  '.cm-activeLineGutter': { color: 'var(--color-text)', background: 'var(--color-surface-hover)' },
  '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--color-danger)', textDecorationSkipInk: 'none' },
  '.cm-tooltip': { fontFamily: 'var(--font-sans)', fontSize: 'var(--text-sm)' },
});

/** Tells the linter the last run's error changed (it re-lints on this as on a change of the code). */
const runErrorChanged = StateEffect.define<null>();

/**
 * Typing over a selection (or text with line breaks, as automation inserts it) is applied
 * by the editor itself rather than by the browser's editing, which would join the lines
 * with a style attribute the CSP refuses (harmless, but an error in the console). What is
 * replaced is the range the browser names, not the editor's selection: a selection made
 * a moment ago (by a script, or automation) may not have reached the editor yet.
 */
const TYPING_OVER_SELECTION = EditorView.domEventHandlers({
  beforeinput(event, view) {
    if (event.inputType !== 'insertText' && event.inputType !== 'insertReplacementText') return false;
    const text = event.data ?? event.dataTransfer?.getData('text/plain') ?? null;
    if (text === null) return false;
    const { from, to } = replacedRange(event, view);
    if (from === to && !text.includes('\n')) return false;
    event.preventDefault();
    view.dispatch({ changes: { from, to, insert: text }, selection: { anchor: from + text.length }, userEvent: 'input.type', scrollIntoView: true });
    return true;
  },
});

/** The range typing replaces: the one the browser names, else the page's selection (Chromium names none inside a shadow root). */
function replacedRange(event: InputEvent, view: EditorView): { from: number; to: number } {
  const root = view.root as ShadowRoot & { getSelection?(): Selection | null };
  const selection = root.getSelection?.() ?? document.getSelection();
  const range: AbstractRange | undefined = event.getTargetRanges()[0] ?? (selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : undefined);
  if (!range || !view.contentDOM.contains(range.startContainer) || !view.contentDOM.contains(range.endContainer)) return view.state.selection.main;
  return { from: view.posAtDOM(range.startContainer, range.startOffset), to: view.posAtDOM(range.endContainer, range.endOffset) };
}

/**
 * The Run Code editor (CodeMirror 6): JavaScript highlighting, line numbers, syntax errors
 * marked as you type and the line the last run threw at. Undo and redo are the builder's
 * (one history for the whole workflow). Tab indents; Escape, then Tab, leaves the editor.
 */
export const CodeEditor = forwardRef<CodeEditorHandle, Props>(function CodeEditor({ value, onChange, label, description, readOnly = false, runError }, ref) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, runError });
  latest.current = { onChange, runError };
  const editable = useRef(new Compartment());
  const attributes = useRef(new Compartment());

  useEffect(() => {
    const errorLinter = linter(
      (current) => {
        const diagnostics = syntaxDiagnostics(current);
        const thrown = latest.current.runError;
        if (thrown && thrown.line <= current.state.doc.lines) {
          const line = current.state.doc.line(thrown.line);
          diagnostics.push({ from: line.from, to: line.to, severity: 'error', message: `The last run stopped here: ${thrown.message}` });
        }
        return diagnostics;
      },
      { delay: 250, needsRefresh: (update) => update.transactions.some((tr) => tr.effects.some((effect) => effect.is(runErrorChanged))) },
    );
    const shadow = host.current!.shadowRoot ?? host.current!.attachShadow({ mode: 'open' });
    const created = new EditorView({
      root: shadow,
      parent: shadow,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          highlightActiveLine(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          javascript(),
          THEME,
          TYPING_OVER_SELECTION,
          errorLinter,
          lintGutter(),
          EditorState.tabSize.of(2),
          keymap.of([...closeBracketsKeymap, { key: 'Tab', run: indentMore, shift: indentLess }, ...defaultKeymap]),
          editable.current.of([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]),
          attributes.current.of(EditorView.contentAttributes.of({})),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = created;
    return () => {
      created.destroy();
      view.current = null;
    };
    // The editor is made once; the effects below follow the props.
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure(
        EditorView.contentAttributes.of({
          'aria-label': label,
          ...(description ? { 'aria-description': description } : {}),
          spellcheck: 'false',
          autocapitalize: 'off',
          autocorrect: 'off',
        }),
      ),
    });
  }, [label, description]);

  useEffect(() => {
    view.current?.dispatch({ effects: editable.current.reconfigure([EditorState.readOnly.of(readOnly), EditorView.editable.of(!readOnly)]) });
  }, [readOnly]);

  // The draft changed elsewhere (undo, redo, another step's code): show it.
  useEffect(() => {
    const current = view.current;
    if (!current || current.state.doc.toString() === value) return;
    const head = Math.min(current.state.selection.main.head, value.length);
    current.dispatch({ changes: { from: 0, to: current.state.doc.length, insert: value }, selection: { anchor: head } });
  }, [value]);

  useEffect(() => {
    view.current?.dispatch({ effects: runErrorChanged.of(null) });
  }, [runError?.line, runError?.message]);

  useImperativeHandle(ref, () => ({
    insert(text) {
      const current = view.current;
      if (!current) return;
      current.dispatch(current.state.replaceSelection(text), { scrollIntoView: true });
      current.focus();
    },
  }));

  return <div ref={host} className="code-editor" />;
});
