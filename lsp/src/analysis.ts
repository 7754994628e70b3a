// Runs the compiler for the editor and never throws: a compiler exception becomes an
// `internal-error` diagnostic. Also salvages broken files so hover and hints work in the valid parts.

import { analyze, Stage, SymbolRefList, type Analysis } from '@gshard/compiler';
import {
  parse, type Binding, type Diagnostic, type FuncDecl, type Node, type Program, type ReturnStmt, type Span,
} from '@gshard/grammar';
import { pathAt, walk } from './ast-walk.js';

const EMPTY_SPAN: Span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };

/** One analysis of one version of a document. */
export interface DocAnalysis {
  readonly version: number;
  readonly text: string;
  readonly result: Analysis;
  /** True when the slow stages (propagate, partition, cost) ran. */
  readonly full: boolean;
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
  const symbols = { definitions: [], references: new SymbolRefList(), instances: [] };
  const front = { program, lowered: { diagnostics: [], symbols, dims: new Map() }, diagnostics: [diagnostic] };
  return { front, diagnostics: [diagnostic], stage: Stage.Checked };
}

const STATEMENT_KINDS = new Set(['ParamDecl', 'Binding', 'ReturnStmt', 'DimDecl', 'MeshDecl']);
const MAX_SALVAGE_ROUNDS = 6;

/**
 * Blanks (replaces by spaces, keeping line breaks and braces, so every span stays valid) the
 * statements that carry errors, and re-analyses, until the file lowers cleanly. Returns null when
 * no clean module can be had (e.g. the file has no model). `stop` is asked before each round (a
 * background run gives up when its text went stale).
 */
export function salvage(
  text: string, first: Analysis, full: boolean, stop: () => boolean = () => false,
): { text: string; analysis: Analysis } | null {
  if (first.front.module) return null;
  let current = text;
  let analysis = first;
  for (let round = 0; round < MAX_SALVAGE_ROUNDS && !stop(); round++) {
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) break;
    const next = blankErrors(current, analysis.front.program, errors);
    if (next === current) break;
    current = next;
    analysis = runAnalysis(current, full);
    if (analysis.front.module) return { text: current, analysis };
  }
  return null;
}

function blankErrors(text: string, program: Program, errors: readonly Diagnostic[]): string {
  const chars = text.split('');
  const blanked = new Set<Node>();
  const blank = (from: number, to: number) => {
    for (let i = Math.max(0, from); i < Math.min(to, chars.length); i++) {
      const c = chars[i];
      if (c !== '\n' && c !== '\r' && c !== '{' && c !== '}') chars[i] = ' ';
    }
  };
  for (const d of errors) {
    const path = pathAt(program, d.span.start.offset);
    const stmt = [...path].reverse().find((n) => STATEMENT_KINDS.has(n.kind));
    const func = path.find((n): n is FuncDecl => n.kind === 'FuncDecl');
    if (stmt?.kind === 'ReturnStmt' && func && rewriteReturn(text, chars, func, stmt, errors)) continue;
    if (stmt) { blank(stmt.span.start.offset, stmt.span.end.offset); blanked.add(stmt); continue; }
    const insideBody = func?.kind === 'FuncDecl' && func.bodySpan && func.bodySpan.start.offset < d.span.start.offset;
    // A result-count problem is reported on the header; dropping the declared results settles it.
    if (func && !insideBody && /result|return/.test(d.code) && func.results.length > 0) {
      blankResults(text, chars, func);
      continue;
    }
    if (func && !insideBody) { blank(func.span.start.offset, func.span.end.offset); continue; }
    // A region the parser dropped: blank its whole lines (braces stay, so blocks stay balanced).
    const start = text.lastIndexOf('\n', d.span.start.offset - 1) + 1;
    let end = text.indexOf('\n', Math.max(d.span.end.offset, d.span.start.offset + 1) - 1);
    if (end < 0) end = text.length;
    blank(start, end);
  }
  for (const stmt of dependents(program, blanked)) blank(stmt.span.start.offset, stmt.span.end.offset);
  return chars.join('');
}

/**
 * The bindings that use, directly or through each other, a value whose statement is blanked: the
 * next round would find each of them unresolved and blank it, one link of the chain per re-check,
 * so they go in the same round. Returns stay for the next round (rewriteReturn keeps their valid values).
 */
function dependents(program: Program, blanked: ReadonlySet<Node>): Binding[] {
  const out: Binding[] = [];
  if (blanked.size === 0) return out;
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    const gone = new Set<string>();
    for (const stmt of item.body) {
      const defines =
        stmt.kind === 'Binding' ? stmt.names.map((n) => n.name) : stmt.kind === 'ParamDecl' ? [stmt.name.name] : [];
      const dependent = stmt.kind === 'Binding' && !blanked.has(stmt) && gone.size > 0 && usesAny(stmt.value, gone);
      if (dependent) out.push(stmt);
      if (dependent || blanked.has(stmt)) for (const n of defines) gone.add(n);
      else for (const n of defines) gone.delete(n); // defined again: later uses see this one
    }
  }
  return out;
}

function usesAny(expr: Node, names: ReadonlySet<string>): boolean {
  let found = false;
  walk(expr, (n) => {
    if (n.kind === 'NameRef' && names.has(n.name.name)) found = true;
    return !found; // once found, skip the rest
  });
  return found;
}

/**
 * A function must return something, so a return with broken values keeps its valid ones (or the
 * first input) and the declared results are dropped, so the count cannot mismatch. The new text
 * must fit in the old span, so that every other span stays put.
 */
function rewriteReturn(
  text: string, chars: string[], func: FuncDecl, ret: ReturnStmt, errors: readonly Diagnostic[],
): boolean {
  const broken = (s: Span) =>
    errors.some((d) => d.span.start.offset >= s.start.offset && d.span.start.offset <= s.end.offset);
  const kept = ret.values.filter((v) => !broken(v.span)).map((v) => text.slice(v.span.start.offset, v.span.end.offset));
  const fallback = func.inputs[0]?.name.name;
  const names = kept.length > 0 ? kept : fallback ? [fallback] : [];
  const replacement = `return ${names.join(', ')}`;
  const length = ret.span.end.offset - ret.span.start.offset;
  if (names.length === 0 || replacement.length > length) return false;
  const padded = replacement.padEnd(length, ' ');
  for (const [i, ch] of padded.split('').entries()) {
    if (chars[ret.span.start.offset + i] !== '\n') chars[ret.span.start.offset + i] = ch;
  }
  blankResults(text, chars, func);
  return true;
}

/** Blanks `-> f32[...]` or `-> (..., ...)` in a function header. */
function blankResults(text: string, chars: string[], func: FuncDecl): void {
  const first = func.results[0];
  const last = func.results[func.results.length - 1];
  if (!first || !last) return;
  const arrow = text.lastIndexOf('->', first.span.start.offset);
  const close = text.indexOf(')', last.span.end.offset);
  const closeInHeader = close >= 0 && close < (func.bodySpan?.start.offset ?? Infinity);
  const end = func.results.length > 1 && closeInHeader ? close + 1 : last.span.end.offset;
  for (let i = Math.max(0, arrow); i < end; i++) if (chars[i] !== '\n') chars[i] = ' ';
}
