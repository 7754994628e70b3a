// Hover that never waits for an analysis: from the current version's when it is there, else from the
// document's last good one (its offsets mapped across the edits made since), so that a hover sent
// while edits stream in answers at once; only a document with no analysis yet waits for its first.

import type { Hover, Position } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentStore, LastGood } from './documents.js';
import { docModel } from './doc-model.js';
import { hover } from './hover.js';

/** The hover at `position` of the current text, or undefined when nothing was analysed yet (then wait). */
export function hoverLatest(
  store: DocumentStore, uri: string, doc: TextDocument, position: Position,
): Hover | null | undefined {
  const now = store.readableNow(uri);
  if (now) {
    const model = docModel(now.analysis, now.enrichment);
    return hover(model, now.checked.result.front.program, doc.offsetAt(position), now.full);
  }
  const good = store.lastGood(uri);
  return good ? hoverFrom(good, doc, position) : undefined;
}

/** The hover from an older version's analysis; null on text typed since (that version knew nothing of it). */
function hoverFrom(good: LastGood, doc: TextDocument, position: Position): Hover | null {
  const offset = good.back(doc.offsetAt(position));
  if (offset === undefined) return null;
  const r = good.readable;
  const h = hover(docModel(r.analysis, r.enrichment), r.checked.result.front.program, offset, r.full);
  if (!h?.range) return h;
  // The answer's range is in the older text: move it to where that text lies now, or drop it if edited.
  const old = TextDocument.create('', 'gshard', good.version, good.text);
  const start = good.forward(old.offsetAt(h.range.start));
  const end = good.forward(old.offsetAt(h.range.end));
  if (start === undefined || end === undefined) return { contents: h.contents };
  return { contents: h.contents, range: { start: doc.positionAt(start), end: doc.positionAt(end) } };
}
