// Shared by the export tests: compile a .gshard file to the propagated module, golden-file comparison, a structural MLIR check.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { assertGoldenFile } from '../helpers/golden.js';
import type { Module } from '../../src/ir/module.js';

/** The repository root (tests run from compiler/dist/test/export). */
export const ROOT = new URL('../../../../', import.meta.url).pathname;
export const GOLDEN_DIR = join(ROOT, 'compiler', 'test', 'export', 'golden');
export const FIXTURES = join(ROOT, 'compiler', 'test', 'export', 'fixtures');

export function propagated(source: string): Module {
  const r = runPipeline(source, { upTo: 'propagate' });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 0, `${r.haltedAfter ?? 'pipeline'} errors: ${errors.map((d) => d.message).join('; ')}`);
  assert.ok(r.sharded, 'no model to propagate');
  return r.sharded;
}

export function propagatedFile(path: string): Module {
  return propagated(readFileSync(path, 'utf8'));
}

/** Compares with the golden file, or writes it under UPDATE_GOLDEN=1 (or when it does not exist yet, failing). */
export function assertGolden(name: string, actual: string): void {
  assertGoldenFile(GOLDEN_DIR, name, actual);
}

/**
 * What mlir-opt would catch first, without it: every SSA value used is defined before (function
 * arguments, earlier results, block arguments), none is defined twice, regions and brackets balance,
 * and every op line is in generic form with a type signature.
 */
export function checkMlirStructure(text: string): string[] {
  const problems: string[] = [];
  const defined = new Set<string>();
  const lines = text.split('\n');
  const sig = /^\s*func\.func public @main\((.*)\) -> \(/.exec(lines.find((l) => l.includes('func.func')) ?? '');
  if (!sig) problems.push('no func.func public @main');
  else for (const m of sig[1]!.matchAll(/(%[A-Za-z0-9_$.-]+): tensor</g)) defined.add(m[1]!);
  let depth = 0;
  lines.forEach((line, i) => {
    const code = line.replace(/\/\/.*$/, '');
    if (code.trim() === '') return;
    for (const ch of code.replace(/"[^"]*"/g, '')) {
      if (ch === '{' || ch === '(' || ch === '[') depth++;
      else if (ch === '}' || ch === ')' || ch === ']') depth--;
    }
    const block = /^\s*\^bb0\((.*)\):$/.exec(code);
    if (block) {
      for (const m of block[1]!.matchAll(/(%[A-Za-z0-9_$.-]+):/g)) defined.add(m[1]!);
      return;
    }
    const op = /^\s*(?:(%[A-Za-z0-9_$.-]+)(?::\d+)? = )?"([a-z_]+\.[a-z_]+)"\((.*?)\)/.exec(code);
    if (!op) return;
    for (const u of op[3]!.matchAll(/(%[A-Za-z0-9_$.-]+?)(?:#\d+)?(?=,|$)/g)) {
      if (!defined.has(u[1]!)) problems.push(`line ${i + 1}: ${u[1]} is used before it is defined`);
    }
    if (op[1]) {
      if (defined.has(op[1])) problems.push(`line ${i + 1}: ${op[1]} is defined twice`);
      defined.add(op[1]);
    }
    if (!/ : \(.*\) -> /.test(code) && !code.trimEnd().endsWith('({')) problems.push(`line ${i + 1}: op without a type signature`);
  });
  if (depth !== 0) problems.push(`brackets do not balance (depth ${depth} at the end)`);
  return problems;
}
