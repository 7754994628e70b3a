// Paths into the repository and small compile helpers shared by the compiler's tests.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline } from '../../src/passes/run-pipeline.js';
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

/** Runs the whole pipeline with the verifier after every pass. Throws on errors. */
export function compile(source: string): Compiled {
  const r = runPipeline(source, { verifyEach: true });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.global || !r.sharded || !r.spmd || errors.length > 0) {
    throw new Error(`expected a clean compile, got:\n${errors.map((d) => `${d.span.start.line}:${d.span.start.col} ${d.code} ${d.message}`).join('\n')}`);
  }
  return { global: r.global, sharded: r.sharded, spmd: r.spmd, diagnostics: [...r.diagnostics] };
}

export function assertVerified(m: Module, after: string): void {
  const problems = verifyModule(m);
  if (problems.length > 0) throw new Error(`verifier failed after ${after}:\n${problems.slice(0, 5).join('\n')}`);
}
