// The editor's suggested sharding: the best plan of `suggest` for a text, reduced to what the code action
// needs (a title and offset edits of the annotation spans), and the code action on the model's header.

import { suggest } from '@gshard/compiler';
import type { Program } from '@gshard/grammar';
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';

export interface EditorSuggestion {
  /** `Apply suggested sharding: 1.8x faster, fits in 11.2 GiB`. */
  readonly title: string;
  readonly edits: readonly { readonly start: number; readonly end: number; readonly text: string }[];
}

/** The best plan when it beats the file as written; null when none does; 'cancelled' when `stop` said so. */
export function suggestForEditor(text: string, stop: () => boolean): EditorSuggestion | null | 'cancelled' {
  const s = suggest(text, { train: false, cancelled: stop });
  if (s.cancelled) return 'cancelled';
  const best = s.plans[0];
  const current = s.current;
  if (!best || best.edits.length === 0 || !current?.ok || !(best.stepSeconds < current.stepSeconds)) return null;
  const speedup = current.stepSeconds / best.stepSeconds;
  const gib = best.hbmBytesPerDevice / 2 ** 30;
  return {
    title: `Apply suggested sharding: ${speedup.toFixed(1)}x faster, `
      + `fits in ${gib < 0.1 ? gib.toFixed(3) : gib.toFixed(1)} GiB`,
    edits: best.edits.map((e) => ({ start: e.start, end: e.end, text: e.text })),
  };
}

/** The code action, when `range` touches the header of a model (from `model` to its `{`). */
export function suggestionAction(s: EditorSuggestion, doc: TextDocument, program: Program, range: Range): CodeAction[] {
  const from = doc.offsetAt(range.start);
  const to = doc.offsetAt(range.end);
  const onHeader = program.items.some((item) => item.kind === 'FuncDecl' && item.isModel
    && from <= (item.bodySpan?.start.offset ?? item.span.end.offset) && to >= item.span.start.offset);
  if (!onHeader) return [];
  const edits = s.edits.map((e) => ({
    range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.text,
  }));
  return [{ title: s.title, kind: CodeActionKind.RefactorRewrite, edit: { changes: { [doc.uri]: edits } } }];
}
