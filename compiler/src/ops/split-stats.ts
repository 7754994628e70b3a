// The building blocks of a normalization along a split dim: local reductions finished by
// all-reduces, masking of uneven shards, and ops laid out like the operand or like its statistics.
// Each normalization's recipe (softmax, layer_norm, ...) lives in its op registry entry.

import type { Attrs, Op, Value } from '../ir/module.js';
import { tensorType, type TensorType } from '../ir/types.js';
import { at } from '../util/checked.js';
import { dimSize } from './signature.js';

/** Per dim of a local value, the mesh axes it is split on (the partitioner's layout). */
export type Layout = string[][];

/** What the expansion needs from the partitioner: one way to add a local op. */
export interface LocalBuilder {
  op(kind: string, operands: Value[], attrs: Attrs, type: TensorType, name: string, layout: Layout,
    extra?: { unreduced?: string[]; reason?: string; globalType?: TensorType }): Value;
  /** The axes each dim of `layout` is split on, and whether a dim's shards are uneven. */
  uneven(dimSize: number, axes: readonly string[]): boolean;
}

export interface SplitStats {
  /** The product of the sizes of the normalized dims (global). */
  readonly count: number;
  /** An op laid out like the operand (`x`'s local type and layout). */
  full(v: Value, kind: string, attrs: Attrs, n: string, operands?: Value[]): Value;
  /** An op laid out like the statistics (the normalized dims removed). */
  statOp(kind: string, operands: Value[], n: string): Value;
  /** The global max or sum over the normalized dims: a local reduction, then an all-reduce. */
  stat(v: Value, kind: 'reduce_max' | 'reduce_sum', n: string): Value;
  /** `v` with the padding of uneven shards of the normalized dims set to `fill`. */
  masked(v: Value, fill: 0 | '-inf', n: string): Value;
  /** A scalar constant of the operand's dtype. */
  constant(value: number, n: string): Value;
}

/** The helpers for normalizing `x` (the local operand of `op`, laid out as `layout`) over `dims`. */
export function splitStats(op: Op, x: Value, layout: Layout, b: LocalBuilder, dims: readonly string[]): SplitStats {
  const g = at(op.operands, 0, op.kind).type;
  const where = `${op.kind} at ${op.span.start.line}:${op.span.start.col}`;
  const axes = [...new Set(dims.flatMap((d) => layout[g.dims.findIndex((x2) => x2.name === d)] ?? []))];
  const name = at(op.results, 0, op.kind).name;
  const keep = (t: TensorType) => tensorType(t.dtype, t.dims.filter((d) => !dims.includes(d.name)));
  const statLayout = layout.filter((_, i) => !dims.includes(at(g.dims, i, 'the operand dims a layout lays out').name));
  const full = (v: Value, kind: string, attrs: Attrs, n: string, operands: Value[] = [v]) =>
    b.op(kind, operands, attrs, x.type, `${name}.${n}`, layout, { globalType: g });
  const stat = (v: Value, kind: 'reduce_max' | 'reduce_sum', n: string): Value => {
    const local = b.op(kind, [v], { dims: [...dims] }, keep(x.type), `${name}.${n}.local`, statLayout,
      { unreduced: axes, globalType: keep(g) });
    const what = kind === 'reduce_max' ? 'maximum' : 'sum';
    const combiner = kind === 'reduce_max' ? 'max' : 'sum';
    return b.op('all_reduce', [local], { axes, combiner }, keep(x.type), `${name}.${n}`, statLayout, {
      globalType: keep(g),
      reason: `${where}: dim ${dims.join(', ')} is split on ${axes.join(', ')}: `
        + `the ${what} is all-reduced instead of gathering the dim`,
    });
  };
  const masked = (v: Value, fill: 0 | '-inf', n: string): Value => {
    let cur = v;
    for (const d of dims) {
      const along = at(layout, g.dims.findIndex((x2) => x2.name === d), 'the layout of a normalized dim');
      if (along.length === 0 || !b.uneven(dimSize(g, d), along)) continue;
      cur = full(cur, 'mask', { dim: d, axes: along, valid: dimSize(g, d), fill }, `${n}.masked`);
    }
    return cur;
  };
  const constant = (value: number, n: string) =>
    b.op('constant', [], { value, dtype: g.dtype }, tensorType(g.dtype, []), `${name}.${n}`, [],
      { globalType: tensorType(g.dtype, []) });
  const statOp = (kind: string, operands: Value[], n: string) =>
    b.op(kind, operands, {}, keep(x.type), `${name}.${n}`, statLayout, { globalType: keep(g) });
  const count = dims.reduce((n, d) => n * dimSize(g, d), 1);
  return { count, full, statOp, stat, masked, constant };
}
