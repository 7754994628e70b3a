// Partitioner pass 3, `localize` (global IR -> the SPMD program): every value becomes the tile one
// device holds (type = its per-device shape, ceil(n / shards) on uneven dims), collectives get
// per-device sizes, and uneven shards get their padding handled: `pad` before an all-to-all or a
// reduce-scatter that needs equal chunks, `slice` after a concatenation that ends whole. Attributes
// that depend on which tile a device holds (one_hot, gather offsets) are filled in here.

import { carried, type Attrs, type AttrValue, type Module, type Op, type Value } from '../ir/module.js';
import { attrString } from '../ir/op-def.js';
import { tensorType, type TensorType } from '../ir/types.js';
import type { Mesh } from '../ir/mesh.js';
import { localShape } from '../ir/sharding.js';
import { layoutOf, type Layout } from './reshard-plan.js';
import { Fresh, groupSize, layoutSharding, type PassResult } from './pass-support.js';

export function localize(input: Module): PassResult {
  return { module: new Localizer(input).run(), diagnostics: [] };
}

/** What a per-device rewrite of one op needs. */
interface LocalOp {
  readonly op: Op;
  readonly operands: Value[];
  readonly result: Value;
  readonly layout: Layout;
}

class Localizer {
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
      const layout = layoutOf(g.sharding!);
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
    const outputs = this.m.outputs.map((g) => this.local.get(g.id)!);
    return { name: this.m.name, mesh: this.mesh, inputs, params, ops: this.ops, outputs, view: 'local', ...carried(this.m) };
  }

  private localizeOp(op: Op): void {
    this.at = op;
    const operands = op.operands.map((g) => this.local.get(g.id)!);
    const resize = RESIZE[op.kind];
    if (resize) {
      const g = op.results[0]!;
      const layout = layoutOf(g.sharding!);
      resize(this, { op, operands, result: g, layout });
      return;
    }
    const results = op.results.map((g) => {
      const layout = layoutOf(g.sharding!);
      return this.tile(g, g.name, this.tileType(g.type, layout), layout, g.sharding!.unreduced);
    });
    const attrs = LOCAL_ATTRS[op.kind]?.(op, results) ?? op.attrs;
    this.push(op, op.kind, operands, results, attrs, op.reason);
  }

  /** Adds a local op in `at`'s place; returns its first result. */
  push(at: Op, kind: string, operands: Value[], results: Value[], attrs: Attrs, reason?: string): Value {
    const op: Op = {
      id: this.nextOp++, kind, operands, results, attrs, span: at.span, ...(at.layer ? { layer: at.layer } : {}),
    };
    if (reason) op.reason = reason;
    this.ops.push(op);
    op.results.forEach((r, i) => this.local.set(at.results[i]?.id ?? -1, r));
    return results[0]!;
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
    return tensorType(t.dtype, t.dims.map((d, i) => ({ name: d.name, size: shape[i]! })));
  }

  groupSize(axes: readonly string[]): number {
    return groupSize(this.mesh, axes);
  }

  /** A local helper op's result (pad, slice), named after the global value it holds. */
  helper(g: Value, kind: string, type: TensorType, like: Value): Value {
    const name = this.fresh.name(`${g.globalName ?? g.name}.${kind}`);
    return this.tile(g, name, type, layoutOf(like.sharding!), like.sharding!.unreduced);
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
    const size = g.type.dims[d]!.size;
    if (layout[d]!.length > 0 || sizeAlong(v, dim) <= size) return v;
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

const dimSize = (t: TensorType, dim: string): number => t.dims.find((d) => d.name === dim)!.size;
const sizeAlong = (v: Value, dim: string): number => dimSize(v.type, dim);
const withSize = (t: TensorType, dim: string, size: number): TensorType =>
  tensorType(t.dtype, t.dims.map((d) => (d.name === dim ? { name: dim, size } : d)));

/**
 * Collectives whose per-device sizes do not follow from their result's tile alone (a concatenation
 * may carry padding until it is trimmed), or that need padding first. Keyed by op kind: per-op
 * knowledge that belongs with the collective ops' table entries.
 */
const RESIZE: Readonly<Record<string, (l: Localizer, o: LocalOp) => void>> = {
  all_gather: (l, { op, operands, result: g, layout }) => {
    const dim = attrString(op.attrs, 'dim');
    const x = operands[0]!;
    const size = sizeAlong(x, dim) * l.groupSize(op.attrs['axes'] as string[]);
    const v = l.tile(g, g.name, withSize(x.type, dim, size), layout, []);
    l.push(op, op.kind, [x], [v], { ...op.attrs, size }, op.reason);
    l.trim(op, g, v, layout, dim);
  },
  all_to_all: (l, { op, operands, result: g, layout }) => {
    const split = attrString(op.attrs, 'split_dim');
    const concat = attrString(op.attrs, 'concat_dim');
    const n = l.groupSize(op.attrs['axes'] as string[]);
    const splitSize = dimSize(l.tileType(g.type, layout), split);
    const x = l.padTo(op, g, operands[0]!, split, splitSize * n, `pad ${split} so it splits evenly into ${n} chunks`);
    const concatSize = sizeAlong(x, concat) * n;
    const v = l.tile(g, g.name, withSize(withSize(x.type, split, splitSize), concat, concatSize), layout, []);
    l.push(op, op.kind, [x], [v], { ...op.attrs, split_size: splitSize, concat_size: concatSize }, op.reason);
    l.trim(op, g, v, layout, concat);
  },
  reduce_scatter: (l, { op, operands, result: g, layout }) => {
    const dim = attrString(op.attrs, 'dim');
    const type = l.tileType(g.type, layout);
    const size = dimSize(type, dim);
    const chunks = size * l.groupSize(op.attrs['axes'] as string[]);
    const x = l.padTo(op, g, operands[0]!, dim, chunks, `pad ${dim} so it scatters evenly`);
    l.push(op, op.kind, [x], [l.tile(g, g.name, type, layout, [])], { ...op.attrs, size }, op.reason);
  },
  dynamic_slice: (l, { op, operands, result: g, layout }) => {
    const type = l.tileType(g.type, layout);
    const size = dimSize(type, attrString(op.attrs, 'dim'));
    l.push(op, op.kind, operands, [l.tile(g, g.name, type, layout, [])], { ...op.attrs, size }, op.reason);
  },
};

/** An op whose result gains dim `dim` (one_hot, iota): its local size, and its tile's offset when split. */
function newDimAttrs(op: Op, results: readonly Value[]): Attrs {
  const attrs: Record<string, AttrValue> = { ...op.attrs };
  const dim = attrString(op.attrs, 'dim');
  const g = op.results[0]!;
  const k = g.type.dims.findIndex((d) => d.name === dim);
  attrs['size'] = results[0]!.type.dims[k]!.size;
  const axes = layoutOf(g.sharding!)[k]!;
  if (axes.length > 0) {
    attrs['offset_axes'] = axes;
    attrs['global_size'] = g.type.dims[k]!.size;
  }
  return attrs;
}

/**
 * Attributes that depend on local sizes or on which tile a device holds. Keyed by op kind: per-op
 * knowledge that belongs with the op table's entries.
 */
const LOCAL_ATTRS: Readonly<Record<string, (op: Op, results: readonly Value[]) => Attrs>> = {
  reshape: (op, results) => ({ ...op.attrs, sizes: results[0]!.type.dims.map((d) => d.size) }),
  rename: (op, results) => ({ ...op.attrs, size: dimSize(results[0]!.type, attrString(op.attrs, 'to')) }),
  one_hot: (op, results) => newDimAttrs(op, results),
  // iota's dim is its result's only dim: placed like one_hot's new dim
  iota: (op, results) => newDimAttrs(op, results),
  gather: (op) => {
    const attrs: Record<string, AttrValue> = { ...op.attrs };
    const dim = attrString(op.attrs, 'dim');
    const g = op.operands[0]!;
    const k = g.type.dims.findIndex((d) => d.name === dim);
    const axes = layoutOf(g.sharding!)[k]!;
    if (axes.length > 0) {
      attrs['offset_axes'] = axes;
      attrs['global_size'] = g.type.dims[k]!.size;
    }
    return attrs;
  },
};
