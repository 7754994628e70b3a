// Offset -> (line, col) conversion for one source text: 1-based lines, 1-based UTF-16 columns.
// Line breaks are `\n`, `\r\n` and a lone `\r` (as in Chevrotain), so CRLF files count right.

import type { Position, Span } from './diagnostic.js';

export class LineIndex {
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      }
    }
  }

  /** The line (0-based) of the last lookup: lookups mostly move forward a little (parsing, printing). */
  private hint = 0;

  /** The position of `offset`, clamped to [0, text.length]. */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(Number.isFinite(offset) ? offset : this.text.length, this.text.length));
    const starts = this.lineStarts;
    let line = this.hint;
    if (starts[line]! <= at && (line + 1 === starts.length || at < starts[line + 1]!)) {
      // Same line as last time.
    } else if (line + 1 < starts.length && starts[line + 1]! <= at && (line + 2 === starts.length || at < starts[line + 2]!)) {
      line++;
    } else {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      line = lo;
    }
    this.hint = line;
    return { offset: at, line: line + 1, col: at - starts[line]! + 1 };
  }

  /** The span [start, end) in offsets. */
  span(start: number, end: number): Span {
    return { start: this.position(start), end: this.position(end) };
  }

  /** The zero-width span at the end of the text (where "end of file" errors point). */
  endSpan(): Span {
    return this.span(this.text.length, this.text.length);
  }
}
