// Builds per-device ('local') modules by hand, in the partitioner's output contract, for tests and benches.

import { NO_SPAN, type Span } from '@gshard/grammar';
import type { Attrs, Module, Op, Value, ValueRole } from '../../ir/module.js';
import type { DType, TensorType } from '../../ir/types.js';
import type { Mesh } from '../../sharding/mesh.js';
import { makeSharding, type Sharding } from '../../sharding/sharding.js';

/** `[['G', 4], ['S', 1024]]`: local dims by name and per-device size. */
export type DimList = readonly (readonly [string, number])[];

function spanAt(line: number): Span {
  if (line <= 0) return NO_SPAN;
  return { start: { offset: 0, line, col: 1 }, end: { offset: 0, line, col: 1 } };
}

export class LocalModuleBuilder {
  private readonly inputs: Value[] = [];
  private readonly params: Value[] = [];
  private readonly ops: Op[] = [];
  private readonly outputs: Value[] = [];
  private nextValue = 0;
  private nextOp = 0;
  /** Source line given to the values and ops made next (0 = no span). */
  line = 0;

  constructor(readonly mesh: Mesh, readonly name = 'hand_built') {}

  type(dtype: DType, dims: DimList): TensorType {
    return { dtype, dims: dims.map(([name, size]) => ({ name, size })) };
  }

  private value(name: string, role: ValueRole, type: TensorType, sharding?: Sharding): Value {
    const v: Value = { id: this.nextValue++, name, role, type, span: spanAt(this.line) };
    if (sharding) v.sharding = sharding;
    return v;
  }

  input(name: string, dtype: DType, dims: DimList): Value {
    const v = this.value(name, 'input', this.type(dtype, dims));
    this.inputs.push(v);
    return v;
  }

  /** A parameter; `split` maps a dim name to the mesh axes it is split over (the rest is replicated). */
  param(name: string, dtype: DType, dims: DimList, split: Readonly<Record<string, readonly string[]>> = {}): Value {
    const sharding = makeSharding(this.mesh, dims.map(([d]) => [...(split[d] ?? [])]));
    const v = this.value(name, 'param', this.type(dtype, dims), sharding);
    this.params.push(v);
    return v;
  }

  op(kind: string, operands: readonly Value[], results: readonly { name: string; dtype: DType; dims: DimList }[], attrs: Attrs = {}): Value[] {
    const rs = results.map((r) => this.value(r.name, 'op', this.type(r.dtype, r.dims)));
    this.ops.push({ id: this.nextOp++, kind, operands: [...operands], results: rs, attrs, span: spanAt(this.line) });
    return rs;
  }

  /** One-result op whose result has the given dims. */
  op1(kind: string, name: string, operands: readonly Value[], dtype: DType, dims: DimList, attrs: Attrs = {}): Value {
    return this.op(kind, operands, [{ name, dtype, dims }], attrs)[0]!;
  }

  /** Einsum over dim names; the result's sizes come from the operands. */
  einsum(name: string, a: Value, b: Value | undefined, output: readonly string[], dtype?: DType): Value {
    const sizes = new Map<string, number>();
    for (const v of b ? [a, b] : [a]) for (const d of v.type.dims) sizes.set(d.name, d.size);
    const dims = output.map((n) => [n, sizes.get(n) ?? 1] as const);
    const inputs = (b ? [a, b] : [a]).map((v) => v.type.dims.map((d) => d.name));
    return this.op1('einsum', name, b ? [a, b] : [a], dtype ?? a.type.dtype, dims, { inputs, output: [...output] });
  }

  /** Same dims and dtype as `like`. */
  unary(kind: string, name: string, x: Value, attrs: Attrs = {}): Value {
    return this.op1(kind, name, [x], x.type.dtype, x.type.dims.map((d) => [d.name, d.size] as const), attrs);
  }

  binary(kind: string, name: string, x: Value, y: Value): Value {
    const big = x.type.dims.length >= y.type.dims.length ? x : y;
    return this.op1(kind, name, [x, y], big.type.dtype, big.type.dims.map((d) => [d.name, d.size] as const));
  }

  /** A collective over mesh axes; the result dims are given (all_gather / reduce_scatter change one dim). */
  collective(kind: string, name: string, x: Value, axes: readonly string[], resultDims: DimList, attrs: Attrs = {}): Value {
    return this.op1(kind, name, [x], x.type.dtype, resultDims, { axes: [...axes], ...attrs });
  }

  output(v: Value): void {
    this.outputs.push(v);
  }

  build(): Module {
    return { name: this.name, mesh: this.mesh, inputs: this.inputs, params: this.params, ops: this.ops, outputs: this.outputs, view: 'local' };
  }
}
