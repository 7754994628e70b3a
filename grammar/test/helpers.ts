// Test helpers: parse-and-assert-clean, and AST views without spans so shapes compare simply.
import assert from 'node:assert/strict';
import type { Program } from '../src/ast.js';
import { parse } from '../src/parse.js';

/** Parses text that must be valid. */
export function parseClean(text: string): Program {
  const { program, diagnostics } = parse(text);
  assert.deepEqual(diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.col} ${d.message}`), []);
  return program;
}

const SPAN_KEYS = new Set(['span', 'bodySpan', 'topologySpan', 'chipsSpan', 'devicesSpan']);

/** A deep copy without span fields. */
export function noSpans<T>(node: T): unknown {
  return JSON.parse(JSON.stringify(node, (key, value) => (SPAN_KEYS.has(key) ? undefined : value)));
}

/** `code@line:col` for each diagnostic, in order. */
export function codes(text: string): string[] {
  return parse(text).diagnostics.map((d) => `${d.code}@${d.span.start.line}:${d.span.start.col}`);
}

export const examplesDir = new URL('../../../examples/', import.meta.url);

/** The element at `i`, asserted present (a test's own list, indexed within its length). */
export function at<T>(xs: readonly T[], i: number): T {
  const x = xs[i];
  assert.ok(x !== undefined, `index ${i} of ${xs.length}`);
  return x;
}

/** A seeded PRNG (mulberry32), so a failing random case can be reproduced. */
export function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
