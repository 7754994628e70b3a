// softmax, log_softmax and layer_norm along a dim that is split over the mesh: the statistics
// (max and sum, or mean and variance) come from local reductions finished by all-reduces, so the
// dim never has to be gathered. Padding of uneven shards is masked before each reduction.

import type { Attrs, Op, Value } from '../ir/module.js';
import { attrString, attrStrings } from '../ir/ops.js';
import { tensorType, type TensorType } from '../ir/types.js';
import type { Layout } from './reshard-plan.js';

/** What the expansion needs from the partitioner: one way to add a local op. */
export interface LocalBuilder {
  op(kind: string, operands: Value[], attrs: Attrs, type: TensorType, name: string, layout: Layout,
    extra?: { unreduced?: string[]; reason?: string; globalType?: TensorType }): Value;
  /** The axes each dim of `layout` is split on, and whether a dim's shards are uneven. */
  uneven(dimSize: number, axes: readonly string[]): boolean;
}

export const SPLIT_NORMALIZATIONS: ReadonlySet<string> = new Set(['softmax', 'log_softmax', 'layer_norm']);

export function expandSplitNormalization(op: Op, x: Value, layout: Layout, b: LocalBuilder): Value {
  const g = op.operands[0]!.type;
  const dims = op.kind === 'layer_norm' ? attrStrings(op.attrs, 'dims') : [attrString(op.attrs, 'dim')];
  const where = `${op.kind} at ${op.span.start.line}:${op.span.start.col}`;
  const axes = [...new Set(dims.flatMap((d) => layout[g.dims.findIndex((x2) => x2.name === d)] ?? []))];
  const name = op.results[0]!.name;
  const keep = (t: TensorType) => tensorType(t.dtype, t.dims.filter((d) => !dims.includes(d.name)));
  const statLayout = layout.filter((_, i) => !dims.includes(g.dims[i]!.name));
  const full = (v: Value, kind: string, attrs: Attrs, n: string, operands: Value[] = [v]) => b.op(kind, operands, attrs, x.type, `${name}.${n}`, layout, { globalType: g });
  const stat = (v: Value, kind: 'reduce_max' | 'reduce_sum', n: string): Value => {
    const local = b.op(kind, [v], { dims }, keep(x.type), `${name}.${n}.local`, statLayout, { unreduced: axes, globalType: keep(g) });
    return b.op('all_reduce', [local], { axes, combiner: kind === 'reduce_max' ? 'max' : 'sum' }, keep(x.type), `${name}.${n}`, statLayout, {
      globalType: keep(g),
      reason: `${where}: dim ${dims.join(', ')} is split on ${axes.join(', ')}: the ${kind === 'reduce_max' ? 'maximum' : 'sum'} is all-reduced instead of gathering the dim`,
    });
  };
  const masked = (v: Value, fill: 0 | '-inf', n: string): Value => {
    let cur = v;
    for (const d of dims) {
      const k = g.dims.findIndex((x2) => x2.name === d);
      if (layout[k]!.length === 0 || !b.uneven(g.dims[k]!.size, layout[k]!)) continue;
      cur = full(cur, 'mask', { dim: d, axes: layout[k]!, valid: g.dims[k]!.size, fill }, `${n}.masked`);
    }
    return cur;
  };
  const constant = (value: number, n: string) => b.op('constant', [], { value, dtype: g.dtype }, tensorType(g.dtype, []), `${name}.${n}`, [], { globalType: tensorType(g.dtype, []) });
  const count = dims.reduce((n, d) => n * g.dims.find((x2) => x2.name === d)!.size, 1);

  if (op.kind === 'layer_norm') return layerNorm();
  // softmax / log_softmax: subtract the global max, exponentiate, divide by the global sum.
  const max = stat(masked(x, '-inf', 'x'), 'reduce_max', 'max');
  const shifted = full(x, 'sub', {}, 'shifted', [x, max]);
  const e = full(shifted, 'exp', {}, 'exp');
  const sum = stat(masked(e, 0, 'exp'), 'reduce_sum', 'sum');
  if (op.kind === 'softmax') return full(e, 'div', {}, 'result', [e, sum]);
  const logSum = b.op('log', [sum], {}, sum.type, `${name}.log_sum`, statLayout, { globalType: keep(g) });
  return full(shifted, 'sub', {}, 'result', [shifted, logSum]);

  function layerNorm(): Value {
    const inv = constant(1 / count, 'inv_count');
    const statOp = (kind: string, operands: Value[], n: string) => b.op(kind, operands, {}, keep(x.type), `${name}.${n}`, statLayout, { globalType: keep(g) });
    const mean = statOp('mul', [stat(masked(x, 0, 'x'), 'reduce_sum', 'sum'), inv], 'mean');
    const centered = full(x, 'sub', {}, 'centered', [x, mean]);
    const squares = full(centered, 'mul', {}, 'squares', [centered, centered]);
    const variance = statOp('mul', [stat(masked(squares, 0, 'squares'), 'reduce_sum', 'sum_squares'), inv], 'variance');
    // 1 / sqrt(var + eps) as exp(-log(var + eps) / 2): the op set has exp and log but no sqrt.
    const shiftedVar = statOp('add', [variance, constant(1e-6, 'eps')], 'variance_eps');
    const halfLog = statOp('mul', [statOp('log', [shiftedVar], 'log_variance'), constant(-0.5, 'minus_half')], 'half_log');
    const invStd = statOp('exp', [halfLog], 'inv_std');
    return full(centered, 'mul', {}, 'result', [centered, invStd]);
  }
}
