// Conversions between compiler spans (1-based line/col, 0-based offsets) and LSP ranges (0-based).

import type { Span } from '@gshard/grammar';
import type { Range, Position } from 'vscode-languageserver/node';

export function toPosition(p: Span['start']): Position {
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.col - 1) };
}

export function toRange(s: Span): Range {
  return { start: toPosition(s.start), end: toPosition(s.end) };
}

/** True when the cursor offset touches the span (the end counts: a cursor just after a name is on it). */
export function touches(s: Span, offset: number): boolean {
  return s.start.offset <= offset && offset <= s.end.offset;
}

export function within(inner: Span, outer: Span): boolean {
  return outer.start.offset <= inner.start.offset && inner.end.offset <= outer.end.offset;
}

export function spanLength(s: Span): number {
  return s.end.offset - s.start.offset;
}

export function sameSpan(a: Span, b: Span): boolean {
  return a.start.offset === b.start.offset && a.end.offset === b.end.offset;
}

/** `1.5 MiB`: the compiler's one rounding, so hovers and the CLI agree. */
export { formatBytes } from '@gshard/compiler';

/** `3.4 GFLOP`: counts for people. */
export function formatCount(n: number, unit: string): string {
  const prefixes = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let v = n;
  let p = 0;
  while (Math.abs(v) >= 1000 && p < prefixes.length - 1) { v /= 1000; p++; }
  return `${p === 0 || Number.isInteger(v) ? v : v.toFixed(v >= 100 ? 0 : 1)} ${prefixes[p]}${unit}`;
}

export function formatSeconds(s: number): string {
  if (s === 0) return '0 s';
  if (s < 1e-6) return `${(s * 1e9).toFixed(0)} ns`;
  if (s < 1e-3) return `${(s * 1e6).toFixed(1)} µs`;
  if (s < 1) return `${(s * 1e3).toFixed(2)} ms`;
  return `${s.toFixed(2)} s`;
}
