// Paths into the repository and small compile helpers shared by the compiler's tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { frontend } from '../../src/pipeline.js';
import { propagateShardings } from '../../src/sharding/propagate.js';
import { partitionModule } from '../../src/partition/partition.js';
import { verifyModule } from '../../src/ir/verify.js';
import type { Module } from '../../src/ir/module.js';
import type { Diagnostic } from '@gshard/grammar';

/** The repository root (tests run from compiler/dist/test/...). */
export const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', '..');

export function examplePath(name: string): string {
  return join(ROOT, 'examples', name);
}

export function exampleFiles(dir = 'examples'): string[] {
  return readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.gshard')).sort().map((f) => join(ROOT, dir, f));
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export interface Compiled {
  global: Module;
  sharded: Module;
  spmd: Module;
  diagnostics: Diagnostic[];
}

/** Runs the whole pipeline, asserting the verifier after every pass. Throws on errors. */
export function compile(source: string): Compiled {
  const front = frontend(source);
  const errors = front.diagnostics.filter((d) => d.severity === 'error');
  if (!front.module || errors.length > 0) {
    throw new Error(`expected a clean compile, got:\n${errors.map((d) => `${d.span.start.line}:${d.span.start.col} ${d.code} ${d.message}`).join('\n')}`);
  }
  assertVerified(front.module, 'lower');
  const p = propagateShardings(front.module);
  assertVerified(p.module, 'propagate');
  const q = partitionModule(p.module);
  assertVerified(q.module, 'partition');
  return { global: front.module, sharded: p.module, spmd: q.module, diagnostics: [...front.diagnostics, ...p.diagnostics, ...q.diagnostics] };
}

export function assertVerified(m: Module, after: string): void {
  const problems = verifyModule(m);
  if (problems.length > 0) throw new Error(`verifier failed after ${after}:\n${problems.slice(0, 5).join('\n')}`);
}
