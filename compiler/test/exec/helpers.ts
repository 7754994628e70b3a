// Test helpers for runs: compile source text to the global and local programs, run both, and rewrite an example for another mesh size.
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { parseMeshOption } from '../../src/cli/mesh-option.js';
import type { Module } from '../../src/ir/module.js';
import { runModel, type RunReport, type RunOptions } from '../../src/exec/run-model.js';

export interface Programs { readonly global: Module; readonly local: Module }

/** Every pass; throws with the diagnostics of the pass that reported an error. */
export function compileSource(text: string, mesh?: string): Programs {
  const r = runPipeline(text, mesh ? { mesh: parseMeshOption(mesh) } : {});
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (!r.global || errors.length) throw new Error(`${r.haltedAfter ?? 'lower'}: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}\n${text}`);
  if (!r.sharded || !r.spmd) throw new Error(`stopped after ${r.haltedAfter}`);
  return { global: r.sharded, local: r.spmd };
}

export async function runSource(text: string, mesh?: string, options: RunOptions = {}): Promise<RunReport> {
  const { global, local } = compileSource(text, mesh);
  return runModel(global, local, options);
}

/** The example with every `split(dim, n)` restated for `parts` partitions (annotations count partitions of the mesh they were written for). */
export function withSplits(text: string, parts: number): string {
  return text.replace(/split\(\s*([^,()]+),\s*\d+\s*\)/g, `split($1, ${parts})`);
}

/** A one-line account of a failed comparison, for assertion messages. */
export function failureText(r: RunReport): string {
  return r.outputs.map((o) => `${o.name}: abs ${o.maxAbsError} rel ${o.maxRelError}${o.replicaMismatches.length ? ` replicas disagree on ${o.replicaMismatches.map((m) => m.device).join(',')}` : ''}`).join('; ');
}
