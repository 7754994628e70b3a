// Test helpers for runs: compile source text to the global and local programs, run both, and rewrite an example for another mesh size.
import { frontend } from '../../src/pipeline.js';
import { propagateShardings } from '../../src/sharding/propagate.js';
import { partitionModule } from '../../src/partition/partition.js';
import { parseMeshOption } from '../../src/cli/mesh-option.js';
import type { Module } from '../../src/ir/module.js';
import { runModel, type RunReport, type RunOptions } from '../../src/exec/run-model.js';

export interface Programs { readonly global: Module; readonly local: Module }

/** Frontend, propagation and partitioning; throws with the diagnostics when any step reports an error. */
export function compileSource(text: string, mesh?: string): Programs {
  const fe = frontend(text, mesh ? { meshOverride: parseMeshOption(mesh) } : {});
  const errors = fe.diagnostics.filter((d) => d.severity === 'error');
  if (!fe.module || errors.length) throw new Error(`frontend: ${errors.map((d) => `${d.code}: ${d.message}`).join('; ')}\n${text}`);
  const p = propagateShardings(fe.module);
  const pe = p.diagnostics.filter((d) => d.severity === 'error');
  if (pe.length) throw new Error(`propagation: ${pe.map((d) => d.message).join('; ')}`);
  const s = partitionModule(p.module);
  const se = s.diagnostics.filter((d) => d.severity === 'error');
  if (se.length) throw new Error(`partition: ${se.map((d) => d.message).join('; ')}`);
  return { global: p.module, local: s.module };
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
