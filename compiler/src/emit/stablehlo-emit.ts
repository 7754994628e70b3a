// StableHLO building blocks over named tensors: constants, transposes, named broadcasting, reductions, compares.

import { MlirBuilder, i64Array, scalarLiteral, tensorText, type ElemType, type SSA,
  type TType } from './mlir-builder.js';
import { at } from '../util/checked.js';

/** An SSA value plus the dim names of its positions: what lets us lower named-dim ops positionally. */
export interface Named {
  readonly ssa: SSA;
  readonly dims: readonly string[];
}

export type ReduceKind = 'add' | 'max';
export type Direction = 'EQ' | 'NE' | 'LT' | 'LE' | 'GT' | 'GE';

const isFloat = (e: ElemType): boolean => e === 'f32' || e === 'bf16';

/** Emits StableHLO ops into one builder; every helper returns the new value. */
export class StableHloEmitter {
  constructor(readonly b: MlirBuilder) {}

  /** A constant of `type` with every element `v` (a splat). */
  splat(v: number, type: TType, name?: string): SSA {
    return this.b.one({
      op: 'stablehlo.constant', operands: [], result: type,
      props: [`value = dense<${scalarLiteral(v, type.elem)}> : ${tensorText(type)}`], ...(name ? { name } : {}),
    });
  }

  /** The identity of `kind` for `elem`: 0 for add, the lowest value for max. */
  initValue(kind: ReduceKind, elem: ElemType): SSA {
    const v = kind === 'add' ? 0 : elem === 'i32' ? -2147483648 : elem === 'i1' ? 0 : -Infinity;
    return this.splat(v, { shape: [], elem });
  }

  binary(op: string, a: SSA, b: SSA, name?: string): SSA {
    return this.b.one({ op, operands: [a, b], result: a.type, ...(name ? { name } : {}) });
  }

  unary(op: string, a: SSA, name?: string): SSA {
    return this.b.one({ op, operands: [a], result: a.type, ...(name ? { name } : {}) });
  }

  convert(a: SSA, elem: ElemType, name?: string): SSA {
    if (a.type.elem === elem) return a;
    return this.b.one({ op: 'stablehlo.convert', operands: [a], result: { shape: a.type.shape, elem },
      ...(name ? { name } : {}) });
  }

  /** An i1 tensor; floats compare as FLOAT, integers as SIGNED (i1 as UNSIGNED). */
  compare(dir: Direction, a: SSA, b: SSA): SSA {
    const type = isFloat(a.type.elem) ? 'FLOAT' : a.type.elem === 'i1' ? 'UNSIGNED' : 'SIGNED';
    return this.b.one({
      op: 'stablehlo.compare', operands: [a, b], result: { shape: a.type.shape, elem: 'i1' },
      props: [`comparison_direction = #stablehlo<comparison_direction ${dir}>`,
        `compare_type = #stablehlo<comparison_type ${type}>`],
    });
  }

  select(pred: SSA, onTrue: SSA, onFalse: SSA): SSA {
    return this.b.one({ op: 'stablehlo.select', operands: [pred, onTrue, onFalse], result: onTrue.type });
  }

  transpose(x: Named, order: readonly string[], name?: string): Named {
    if (order.every((d, i) => d === x.dims[i])) return x;
    const perm = order.map((d) => x.dims.indexOf(d));
    const shape = perm.map((p) => at(x.ssa.type.shape, p, 'x.ssa.type.shape'));
    const ssa = this.b.one({
      op: 'stablehlo.transpose', operands: [x.ssa], result: { shape, elem: x.ssa.type.elem },
      props: [`permutation = ${i64Array(perm)}`], ...(name ? { name } : {}),
    });
    return { ssa, dims: [...order] };
  }

  /**
   * Named broadcasting: `x` (whose dims are a subset of `dims`) as a tensor with exactly `dims`.
   * First a transpose into the target's relative order, so broadcast_in_dim's mapping is increasing
   * (what XLA's own lowerings produce), then the broadcast.
   */
  alignTo(x: Named, dims: readonly string[], shape: readonly number[]): Named {
    if (x.dims.length === dims.length && x.dims.every((d, i) => d === dims[i])) return x;
    const order = dims.filter((d) => x.dims.includes(d));
    const t = this.transpose(x, order);
    if (order.length === dims.length) return t;
    return { ssa: this.broadcastInDim(t.ssa, order.map((d) => dims.indexOf(d)), shape), dims: [...dims] };
  }

  broadcastInDim(x: SSA, mapping: readonly number[], shape: readonly number[]): SSA {
    return this.b.one({
      op: 'stablehlo.broadcast_in_dim', operands: [x], result: { shape, elem: x.type.elem },
      props: [`broadcast_dimensions = ${i64Array(mapping)}`],
    });
  }

  /** Reduces `x` over `over` (dim names) with add or max; the result keeps the other dims in order. */
  reduce(x: Named, over: readonly string[], kind: ReduceKind, name?: string): Named {
    if (over.length === 0) return x;
    const axes = over.map((d) => x.dims.indexOf(d)).sort((p, q) => p - q);
    const keep = x.dims.map((_, i) => i).filter((i) => !axes.includes(i));
    const elem = x.ssa.type.elem;
    const scalar: TType = { shape: [], elem };
    const init = this.initValue(kind, elem);
    const op = kind === 'add' ? 'stablehlo.add' : 'stablehlo.maximum';
    const ssa = this.b.one({
      op: 'stablehlo.reduce', operands: [x.ssa, init],
      result: { shape: keep.map((i) => at(x.ssa.type.shape, i, 'x.ssa.type.shape')), elem },
      props: [`dimensions = ${i64Array(axes)}`],
      // the builder passes the body one block argument per entry of `args`: p and q exist
      regions: [{ args: [scalar, scalar], body: (rb, [p, q]) => [rb.one({ op, operands: [p!, q!], result: scalar })] }],
      ...(name ? { name } : {}),
    });
    return { ssa, dims: keep.map((i) => at(x.dims, i, 'x.dims')) };
  }

  /** `x` reduced over `over`, then broadcast back to x's dims (softmax and layer norm need both). */
  reduceKeep(x: Named, over: readonly string[], kind: ReduceKind): SSA {
    const r = this.reduce(x, over, kind);
    return this.alignTo(r, x.dims, x.ssa.type.shape).ssa;
  }

  iota(type: TType, dim: number): SSA {
    return this.b.one({ op: 'stablehlo.iota', operands: [], result: type, props: [`iota_dimension = ${dim} : i64`] });
  }
}
