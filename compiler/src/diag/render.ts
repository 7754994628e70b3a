// Diagnostics for people: `file:line:col: error[code]: message`, the source line, a caret under
// the span, and related notes; and for machines: the --json shape.

import type { Diagnostic, Span } from '@gshard/grammar';
import { visible } from './visible.js';

export interface RenderOptions {
  readonly color?: boolean;
}

/** Text from the file (its name, source lines, messages quoting it) is printed with control characters escaped. */
export function renderDiagnostic(rawFile: string, source: string, d: Diagnostic, options: RenderOptions = {}): string {
  const file = visible(rawFile);
  const lines = source.split(/\r\n|\r|\n/);
  const paint = (code: string, s: string) => (options.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor = d.severity === 'error' ? '31;1' : d.severity === 'warning' ? '33;1' : '36;1';
  const out = [`${file}:${d.span.start.line}:${d.span.start.col}: ${paint(sevColor, `${d.severity}[${d.code}]`)}: ${visible(d.message)}`];
  out.push(...excerpt(lines, d.span, paint));
  for (const r of d.related ?? []) {
    out.push(`  ${file}:${r.span.start.line}:${r.span.start.col}: note: ${visible(r.message)}`);
    out.push(...excerpt(lines, r.span, paint).map((l) => `  ${l}`));
  }
  if (d.fix) out.push(`  fix: ${visible(d.fix.title)}`);
  return out.join('\n');
}

/**
 * The source line of the span with a caret line under it (tabs kept so columns line up). Control
 * characters are escaped, and the caret measured on the escaped text so that it stays under the span.
 */
function excerpt(lines: readonly string[], span: Span, paint: (c: string, s: string) => string): string[] {
  const text = lines[span.start.line - 1];
  if (text === undefined) return [];
  const cut = text.length > 200;
  const raw = cut ? text.slice(0, 200) : text;
  const gutter = String(span.start.line).padStart(4);
  const startCol = Math.min(span.start.col - 1, raw.length);
  const endCol = span.end.line === span.start.line ? Math.min(Math.max(span.end.col - 1, startCol + 1), raw.length + 1) : raw.length + 1;
  const before = visible(raw.slice(0, startCol));
  const under = visible(raw.slice(startCol, endCol));
  const shown = `${before}${under}${visible(raw.slice(endCol))}${cut ? '…' : ''}`;
  const pad = before.replace(/[^\t]/g, ' ');
  const width = Math.max(1, under.length + (endCol > raw.length ? 1 : 0));
  return [`${gutter} | ${shown}`, `     | ${pad}${paint('32;1', `^${'~'.repeat(width - 1)}`)}`];
}

export interface JsonDiagnostic {
  file: string; line: number; col: number; endLine: number; endCol: number;
  severity: string; code: string; message: string;
  /** The same position as one object (1-based lines and columns, end exclusive). */
  span: { start: { line: number; col: number }; end: { line: number; col: number } };
}

export function toJsonDiagnostic(file: string, d: Diagnostic): JsonDiagnostic {
  return {
    file, line: d.span.start.line, col: d.span.start.col, endLine: d.span.end.line, endCol: d.span.end.col,
    severity: d.severity, code: d.code, message: d.message,
    span: { start: { line: d.span.start.line, col: d.span.start.col }, end: { line: d.span.end.line, col: d.span.end.col } },
  };
}

export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.span.start.offset - b.span.start.offset || a.span.start.line - b.span.start.line || a.span.start.col - b.span.start.col || a.code.localeCompare(b.code));
}
