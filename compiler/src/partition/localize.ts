// Partitioner pass 3, `localize` (global IR -> the SPMD program): every value becomes the tile one
// device holds (type = its per-device shape, ceil(n / shards) on uneven dims), collectives get
// per-device sizes, and uneven shards get their padding handled: `pad` before an all-to-all or a
// reduce-scatter that needs equal chunks, `slice` after a concatenation that ends whole. Attributes
// that depend on which tile a device holds (one_hot, gather offsets) are filled in here.

import { carried, type Attrs, type Module, type Op, type Value, opPlace, shardingOf } from '../ir/module.js';
import { tensorType, type TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { localShape } from '../ir/sharding.js';
import { layoutOf, type Layout } from './reshard-plan.js';
import { opEntry } from '../ops/registry.js';
import { PLAIN_PARTITION, type LocalizeBuilder } from '../ops/pass-facts.js';
import { Fresh, groupSize, layoutSharding, type PassResult } from './pass-support.js';
import { at as checkedAt, got, must } from '../util/checked.js';

export function localize(input: Module): PassResult {
  return { module: new Localizer(input).run(), diagnostics: [] };
}

class Localizer implements LocalizeBuilder {
  private readonly mesh: Mesh;
  private readonly fresh: Fresh;
  private readonly local = new Map<number, Value>();
  private readonly ops: Op[] = [];
  private nextValue = 0;
  private nextOp = 0;
  /** The op being localized: the span of everything made for it. */
  private at: Op | undefined;

  constructor(private readonly m: Module) {
    this.mesh = m.mesh;
    this.fresh = new Fresh(m);
  }

  run(): Module {
    const arg = (g: Value): Value => {
      const layout = layoutOf(shardingOf(g));
      const v: Value = {
        ...this.tile(g, g.name, this.tileType(g.type, layout), layout, []), role: g.role, span: g.span,
      };
      if (g.annotation) v.annotation = g.annotation;
      this.local.set(g.id, v);
      return v;
    };
    const inputs = this.m.inputs.map(arg);
    const params = this.m.params.map(arg);
    for (const op of this.m.ops) this.localizeOp(op);
    const outputs = this.m.outputs.map((g) => got(this.local, g.id, 'this.local'));
    return { name: this.m.name, mesh: this.mesh, inputs, params, ops: this.ops, outputs, view: 'local',
      ...carried(this.m) };
  }

  private localizeOp(op: Op): void {
    this.at = op;
    const operands = op.operands.map((g) => got(this.local, g.id, 'this.local'));
    const facts = opEntry(op.kind)?.partition ?? PLAIN_PARTITION;
    if (facts.localize) {
      const g = checkedAt(op.results, 0, 'op.results');
      const layout = layoutOf(shardingOf(g));
      facts.localize(this, { op, operands, result: g, layout });
      return;
    }
    const results = op.results.map((g) => {
      const layout = layoutOf(shardingOf(g));
      return this.tile(g, g.name, this.tileType(g.type, layout), layout, shardingOf(g).unreduced);
    });
    const attrs = facts.localAttrs?.(op, results) ?? op.attrs;
    this.push(op, op.kind, operands, results, attrs, op.reason);
  }

  /** Adds a local op in `at`'s place; returns its first result. */
  push(at: Op, kind: string, operands: Value[], results: Value[], attrs: Attrs, reason?: string): Value {
    const op: Op = {
      id: this.nextOp++, kind, operands, results, attrs, span: at.span, ...opPlace(at),
    };
    if (reason) op.reason = reason;
    this.ops.push(op);
    op.results.forEach((r, i) => this.local.set(at.results[i]?.id ?? -1, r));
    return checkedAt(results, 0, 'results');
  }

  /** A local value holding (a tile of) global value `g`. */
  tile(g: Value, name: string, type: TensorType, layout: Layout, unreduced: readonly string[]): Value {
    return {
      id: this.nextValue++, name, role: 'op', type, span: this.at?.span ?? g.span,
      globalType: g.type, globalName: g.globalName ?? g.name,
      sharding: layoutSharding(this.mesh, layout, unreduced),
    };
  }

  tileType(t: TensorType, layout: Layout): TensorType {
    const shape = localShape(t.dims.map((d) => d.size), layoutSharding(this.mesh, layout), this.mesh);
    return tensorType(t.dtype, t.dims.map((d, i) => ({ name: d.name, size: checkedAt(shape, i, 'shape') })));
  }

  groupSize(axes: readonly string[]): number {
    return groupSize(this.mesh, axes);
  }

  /** A local helper op's result (pad, slice), named after the global value it holds. */
  helper(g: Value, kind: string, type: TensorType, like: Value): Value {
    const name = this.fresh.name(`${g.globalName ?? g.name}.${kind}`);
    return this.tile(g, name, type, layoutOf(shardingOf(like)), shardingOf(like).unreduced);
  }

  /** Pads dim `dim` of `v` to `size` (so it splits into equal chunks) when it is shorter. */
  padTo(at: Op, g: Value, v: Value, dim: string, size: number, reason: string): Value {
    if (sizeAlong(v, dim) >= size) return v;
    const padded = this.helper(g, 'pad', withSize(v.type, dim, size), v);
    return this.pushHelper(at, 'pad', v, padded, { dim, size }, reason);
  }

  /**
   * After concatenating dim `dim` into a whole dim, drops the padding past its real size. The
   * slice then holds the value; when the value was named after its global value, the slice takes
   * that name and the concatenation its step name.
   */
  trim(at: Op, g: Value, v: Value, layout: Layout, dim: string): Value {
    const d = g.type.dims.findIndex((x) => x.name === dim);
    const size = checkedAt(g.type.dims, d, 'g.type.dims').size;
    if (checkedAt(layout, d, 'layout').length > 0 || sizeAlong(v, dim) <= size) return v;
    const holdsName = g.globalName !== undefined && v.name === g.globalName;
    const sliced = this.helper(g, 'slice', withSize(v.type, dim, size), v);
    if (holdsName) {
      const stepName = this.fresh.name(`${g.globalName}.${at.kind}`);
      (sliced as { name: string }).name = v.name;
      (v as { name: string }).name = stepName;
    }
    const reason = `drop the padding of ${dim} after concatenating its shards`;
    return this.pushHelper(at, 'slice', v, sliced, { dim, size }, reason);
  }

  private pushHelper(at: Op, kind: string, operand: Value, result: Value, attrs: Attrs, reason: string): Value {
    this.push(at, kind, [operand], [result], attrs, reason);
    return result;
  }
}

const dimSize = (t: TensorType, dim: string): number => must(t.dims.find((d) => d.name === dim), `dim ${dim}`).size;
const sizeAlong = (v: Value, dim: string): number => dimSize(v.type, dim);
const withSize = (t: TensorType, dim: string, size: number): TensorType =>
  tensorType(t.dtype, t.dims.map((d) => (d.name === dim ? { name: dim, size } : d)));
