// The IR as JSON for --json output: values with types, shardings and origins; ops by kind.

import type { Module, Value } from './module.js';
import { shardingToText } from './sharding-text.js';

export function valueJson(v: Value): object {
  return {
    name: v.name, role: v.role, line: v.span.start.line, col: v.span.start.col,
    dtype: v.type.dtype, dims: v.type.dims.map((d) => ({ name: d.name, size: d.size })),
    ...(v.sharding ? { sharding: shardingToText(v.sharding) } : {}),
    annotated: Boolean(v.annotation),
  };
}

export function moduleJson(m: Module): object {
  return {
    module: m.name, view: m.view, mesh: { name: m.mesh.name, axes: m.mesh.axes },
    inputs: m.inputs.map(valueJson), params: m.params.map(valueJson),
    ops: m.ops.map((op) => ({
      kind: op.kind, operands: op.operands.map((v) => v.name), results: op.results.map(valueJson), attrs: op.attrs,
      line: op.span.start.line, col: op.span.start.col, ...(op.reason ? { reason: op.reason } : {}),
    })),
    outputs: m.outputs.map((v) => v.name),
  };
}
