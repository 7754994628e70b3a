// Runs the compiler for the editor and never throws: a compiler exception becomes an
// `internal-error` diagnostic. Also salvages broken files so hover and hints work in the valid parts.

import { analyze, Stage, type Analysis } from '@gshard/compiler';
import { parse, type Diagnostic, type Program, type Span } from '@gshard/grammar';
import { pathAt } from './ast-walk.js';

const EMPTY_SPAN: Span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };

/** One analysis of one version of a document. */
export interface DocAnalysis {
  readonly version: number;
  readonly text: string;
  readonly result: Analysis;
  /** True when the slow stages (propagate, partition, cost) ran. */
  readonly full: boolean;
  /** For a file with errors: the analysis of the same text with the broken statements blanked out. */
  salvaged?: Analysis | null;
}

export function runAnalysis(text: string, full: boolean): Analysis {
  try {
    return analyze(text, full ? Stage.Partitioned : Stage.Checked);
  } catch (e) {
    return failedAnalysis(text, e);
  }
}

function failedAnalysis(text: string, e: unknown): Analysis {
  const detail = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const diagnostic: Diagnostic = {
    code: 'internal-error', severity: 'error', span: EMPTY_SPAN,
    message: `The compiler failed on this file (${detail}); this is a bug in gshard.`,
  };
  let program: Program = { kind: 'Program', items: [], comments: [], span: EMPTY_SPAN };
  try { program = parse(text).program; } catch { /* keep the empty program */ }
  const front = { program, lowered: { diagnostics: [], symbols: { definitions: [], references: [], instances: [] }, dims: new Map() }, diagnostics: [diagnostic] };
  return { front, diagnostics: [diagnostic], stage: Stage.Checked };
}

const STATEMENT_KINDS = new Set(['ParamDecl', 'Binding', 'ReturnStmt', 'DimDecl', 'MeshDecl']);
const MAX_SALVAGE_ROUNDS = 6;

/**
 * Blanks (replaces by spaces, keeping line breaks and braces, so every span stays valid) the
 * statements that carry errors, and re-analyses, until the file lowers cleanly. Returns null when
 * no clean module can be had (e.g. the file has no model).
 */
export function salvage(text: string, first: Analysis, full: boolean): Analysis | null {
  if (first.front.module) return null;
  let current = text;
  let analysis = first;
  for (let round = 0; round < MAX_SALVAGE_ROUNDS; round++) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) break;
    const next = blankErrors(current, analysis.front.program, errors);
    if (next === current) break;
    current = next;
    analysis = runAnalysis(current, full);
    if (analysis.front.module) return analysis;
  }
  return analysis.front.module ? analysis : null;
}

function blankErrors(text: string, program: Program, errors: readonly Diagnostic[]): string {
  const chars = text.split('');
  const blank = (from: number, to: number) => {
    for (let i = Math.max(0, from); i < Math.min(to, chars.length); i++) {
      const c = chars[i]!;
      if (c !== '\n' && c !== '\r' && c !== '{' && c !== '}') chars[i] = ' ';
    }
  };
  for (const d of errors) {
    const path = pathAt(program, d.span.start.offset);
    const stmt = [...path].reverse().find((n) => STATEMENT_KINDS.has(n.kind));
    if (stmt) { blank(stmt.span.start.offset, stmt.span.end.offset); continue; }
    const func = path.find((n) => n.kind === 'FuncDecl');
    const insideBody = func?.kind === 'FuncDecl' && func.bodySpan && func.bodySpan.start.offset < d.span.start.offset;
    if (func && !insideBody) { blank(func.span.start.offset, func.span.end.offset); continue; }
    // A region the parser dropped: blank its whole lines (braces stay, so blocks stay balanced).
    const start = text.lastIndexOf('\n', d.span.start.offset - 1) + 1;
    let end = text.indexOf('\n', Math.max(d.span.end.offset, d.span.start.offset + 1) - 1);
    if (end < 0) end = text.length;
    blank(start, end);
  }
  return chars.join('');
}
