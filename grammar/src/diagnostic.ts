// Source positions, spans and the Diagnostic value shared by every stage (the grammar is the lowest package).

import { OffsetSpan, type Position, type Span } from './positions.js';

// Position and Span are declared with the code that makes them (positions.ts), so neither file imports the other.
export type { Position, Span } from './positions.js';

export type Severity = 'error' | 'warning' | 'info';

export interface RelatedNote {
  readonly message: string;
  readonly span: Span;
}

export interface TextEdit {
  readonly span: Span;
  readonly newText: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/** The annotation that avoids a full rematerialization: value `value` written `@ sharding`. */
export interface AnnotationHint {
  readonly value: string;
  readonly sharding: string;
}

/**
 * A problem in the user's input. `code` is registered with a doc line (codes.ts here for syntax, the
 * compiler's diag/codes.ts for the rest) and stable once released (kebab-case, prefixed by phase:
 * `syntax-`, `name-`, `shape-`, `shard-`, `mesh-`, `limit-`, `exec-`); the wording may change.
 * Messages say what was expected and what was found.
 */
export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedNote[];
  readonly fix?: Fix;
  /** The name an unknown-name or redefinition diagnostic is about, as written (tools read this, not the message). */
  readonly name?: string;
  /** For `shard-full-remat`: the annotation that avoids it (the editor writes it at the value's binding). */
  readonly annotate?: AnnotationHint;
}

/** The optional fields of a Diagnostic, as passed to the functions that report one. */
export type DiagnosticExtra = Pick<Diagnostic, 'related' | 'fix' | 'name' | 'annotate'>;

export const NO_POSITION: Position = { offset: 0, line: 1, col: 1 };
export const NO_SPAN: Span = { start: NO_POSITION, end: NO_POSITION };

/** The smallest span covering both. */
export function joinSpans(a: Span, b: Span): Span {
  if (a instanceof OffsetSpan && b instanceof OffsetSpan) {
    const joined = a.join(b);
    if (joined) return joined;
  }
  const start = a.start.offset <= b.start.offset ? a.start : b.start;
  const end = a.end.offset >= b.end.offset ? a.end : b.end;
  return { start, end };
}

export function diagnostic(
  code: string,
  severity: Severity,
  message: string,
  span: Span,
  extra: DiagnosticExtra = {},
): Diagnostic {
  return { code, severity, message, span, ...extra };
}
