// Test helper: a .gshard source through the real pipeline (frontend -> propagate -> partition) to its SPMD program.
import type { Module } from '../../src/ir/module.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';

export function spmd(text: string): Module {
  const r = runPipeline(text);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !r.spmd) throw new Error(errors.map((d) => `${d.span.start.line}:${d.span.start.col} ${d.code}: ${d.message}`).join('\n'));
  return r.spmd;
}

/** The op whose first result has this name. */
export function opNamed(m: Module, name: string) {
  const op = m.ops.find((o) => o.results[0]?.name === name);
  if (!op) throw new Error(`no op named ${name}; have ${m.ops.map((o) => o.results[0]?.name).join(', ')}`);
  return op;
}
