// Test helper: a .gshard source through the real pipeline (frontend -> propagate -> partition) to its SPMD program.
import type { Module } from '../../src/ir/module.js';
import { frontend } from '../../src/pipeline.js';
import { propagateShardings } from '../../src/sharding/propagate.js';
import { partitionModule } from '../../src/partition/partition.js';

export function spmd(text: string): Module {
  const f = frontend(text);
  if (!f.module) throw new Error(f.diagnostics.map((d) => `${d.span.start.line}:${d.span.start.col} ${d.code}: ${d.message}`).join('\n'));
  const p = propagateShardings(f.module);
  const s = partitionModule(p.module);
  const errors = [...p.diagnostics, ...s.diagnostics].filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.code}: ${d.message}`).join('\n'));
  return s.module;
}

/** The op whose first result has this name. */
export function opNamed(m: Module, name: string) {
  const op = m.ops.find((o) => o.results[0]?.name === name);
  if (!op) throw new Error(`no op named ${name}; have ${m.ops.map((o) => o.results[0]?.name).join(', ')}`);
  return op;
}
