// Offset -> (line, col) conversion for one source text: 1-based lines, 1-based UTF-16 columns, and
// the spans the parser makes (offsets only; positions on demand).
// Line breaks are `\n`, `\r\n` and a lone `\r` (as in Chevrotain), so CRLF files count right.

/** A point in the source. `line` and `col` are 1-based; `offset` is a 0-based UTF-16 index. */
export interface Position {
  readonly offset: number;
  readonly line: number;
  readonly col: number;
}

/** A half-open source range [start, end). */
export interface Span {
  readonly start: Position;
  readonly end: Position;
}

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
    // Indices stay in [0, starts.length) and starts is never empty (offset 0 starts line 1), so the
    // `!`s below read present entries; this is the hottest lookup of the editor, so no checks.
    const starts = this.lineStarts;
    let line = this.hint;
    if (starts[line]! <= at && (line + 1 === starts.length || at < starts[line + 1]!)) { // hint < starts.length
      // Same line as last time.
    } else if (
      // line + 1 < starts.length is checked first; line + 2 is read only when it is < starts.length
      line + 1 < starts.length && starts[line + 1]! <= at && (line + 2 === starts.length || at < starts[line + 2]!)
    ) {
      line++;
    } else {
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= at) lo = mid; // 0 <= lo < mid <= hi < starts.length
        else hi = mid - 1;
      }
      line = lo;
    }
    this.hint = line;
    // line was found in [0, starts.length) above
    return { offset: at, line: line + 1, col: at - starts[line]! + 1 };
  }

  /** The span [start, end) in offsets; its line/col positions are computed when read. */
  span(start: number, end: number): Span {
    return new OffsetSpan(this, start, end);
  }

  /** The zero-width span at the end of the text (where "end of file" errors point). */
  endSpan(): Span {
    return this.span(this.text.length, this.text.length);
  }
}

/**
 * A span that keeps two offsets and makes its positions when they are read. The parser makes one
 * per AST node; plain `{ start, end }` spans would add two Position objects each (for a 10,000-line
 * file, 176,000 objects and 8 MB that outlive garbage collections, ~20% of the parse time).
 * It is a Span like any other to its readers. The line index is a private field, so a structured
 * clone (postMessage) carries only the offsets: send `plainSpans(x)` across threads instead.
 */
export class OffsetSpan implements Span {
  readonly #lines: LineIndex;

  constructor(lines: LineIndex, readonly startOffset: number, readonly endOffset: number) {
    this.#lines = lines;
  }

  get start(): Position {
    return this.#lines.position(this.startOffset);
  }

  get end(): Position {
    return this.#lines.position(this.endOffset);
  }

  /** The smallest span covering this one and `other` (same text), without making positions. */
  join(other: OffsetSpan): OffsetSpan | undefined {
    if (other.#lines !== this.#lines) return undefined;
    return new OffsetSpan(
      this.#lines,
      Math.min(this.startOffset, other.startOffset),
      Math.max(this.endOffset, other.endOffset),
    );
  }

  toJSON(): Span {
    return { start: this.start, end: this.end };
  }
}

/**
 * A deep copy of `x` in which every OffsetSpan is a plain `{ start, end }`, for postMessage (which
 * drops getters). Shared objects stay shared; class instances other than spans are copied as plain
 * data, as a structured clone would; typed arrays, Maps and Sets are kept as they are.
 */
export function plainSpans<T>(x: T): T {
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (typeof v !== 'object' || v === null) return v;
    if (v instanceof OffsetSpan) return { start: v.start, end: v.end };
    if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof Map || v instanceof Set) return v;
    const seen = copies.get(v);
    if (seen !== undefined) return seen;
    if (Array.isArray(v)) {
      const out: unknown[] = new Array(v.length);
      copies.set(v, out);
      for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const [k, e] of Object.entries(v)) out[k] = copy(e);
    return out;
  };
  return copy(x) as T;
}
