// How localize rewrites the ops whose per-device form is more than the op on its tiles: collective
// sizes (with padding and trimming) and attributes that depend on the tile a device holds.

import { shardingOf, type AttrValue, type Value } from '../ir/module.js';
import { attrString } from '../ir/op-def.js';
import { tensorType, type TensorType } from '../ir/types.js';
import type { Sharding } from '../ir/sharding.js';
import { at } from '../util/checked.js';
import type { PartitionFacts } from './pass-facts.js';
import { dimSize } from './signature.js';

type Localize = NonNullable<PartitionFacts['localize']>;
type LocalAttrs = NonNullable<PartitionFacts['localAttrs']>;

const sizeAlong = (v: Value, dim: string): number => dimSize(v.type, dim);
const withSize = (t: TensorType, dim: string, size: number): TensorType =>
  tensorType(t.dtype, t.dims.map((d) => (d.name === dim ? { name: dim, size } : d)));
/** Mesh axes per dim (as partition/reshard-plan.ts layoutOf: the sharding's dims). */
const axesOf = (s: Sharding, k: number): readonly string[] => at(s.dims, k, 'sharding dims').axes;

export const localizeAllGather: Localize = (l, { op, operands, result: g, layout }) => {
  const dim = attrString(op.attrs, 'dim');
  const x = at(operands, 0, op.kind);
  const size = sizeAlong(x, dim) * l.groupSize(op.attrs['axes'] as string[]);
  const v = l.tile(g, g.name, withSize(x.type, dim, size), layout, []);
  l.push(op, op.kind, [x], [v], { ...op.attrs, size }, op.reason);
  l.trim(op, g, v, layout, dim);
};

export const localizeAllToAll: Localize = (l, { op, operands, result: g, layout }) => {
  const split = attrString(op.attrs, 'split_dim');
  const concat = attrString(op.attrs, 'concat_dim');
  const n = l.groupSize(op.attrs['axes'] as string[]);
  const splitSize = dimSize(l.tileType(g.type, layout), split);
  const why = `pad ${split} so it splits evenly into ${n} chunks`;
  const x = l.padTo(op, g, at(operands, 0, op.kind), split, splitSize * n, why);
  const concatSize = sizeAlong(x, concat) * n;
  const v = l.tile(g, g.name, withSize(withSize(x.type, split, splitSize), concat, concatSize), layout, []);
  l.push(op, op.kind, [x], [v], { ...op.attrs, split_size: splitSize, concat_size: concatSize }, op.reason);
  l.trim(op, g, v, layout, concat);
};

export const localizeReduceScatter: Localize = (l, { op, operands, result: g, layout }) => {
  const dim = attrString(op.attrs, 'dim');
  const type = l.tileType(g.type, layout);
  const size = dimSize(type, dim);
  const chunks = size * l.groupSize(op.attrs['axes'] as string[]);
  const x = l.padTo(op, g, at(operands, 0, op.kind), dim, chunks, `pad ${dim} so it scatters evenly`);
  l.push(op, op.kind, [x], [l.tile(g, g.name, type, layout, [])], { ...op.attrs, size }, op.reason);
};

export const localizeDynamicSlice: Localize = (l, { op, operands, result: g, layout }) => {
  const type = l.tileType(g.type, layout);
  const size = dimSize(type, attrString(op.attrs, 'dim'));
  l.push(op, op.kind, operands, [l.tile(g, g.name, type, layout, [])], { ...op.attrs, size }, op.reason);
};

export const reshapeLocalAttrs: LocalAttrs = (op, results) =>
  ({ ...op.attrs, sizes: at(results, 0, 'reshape local results').type.dims.map((d) => d.size) });

export const renameLocalAttrs: LocalAttrs = (op, results) =>
  ({ ...op.attrs, size: dimSize(at(results, 0, 'rename local results').type, attrString(op.attrs, 'to')) });

export const oneHotLocalAttrs: LocalAttrs = (op, results) => {
  const attrs: Record<string, AttrValue> = { ...op.attrs };
  const dim = attrString(op.attrs, 'dim');
  const g = at(op.results, 0, op.kind);
  const k = g.type.dims.findIndex((d) => d.name === dim);
  attrs['size'] = at(at(results, 0, 'one_hot local results').type.dims, k, 'one_hot local dims').size;
  const axes = axesOf(shardingOf(g), k);
  if (axes.length > 0) {
    attrs['offset_axes'] = [...axes];
    attrs['global_size'] = at(g.type.dims, k, 'one_hot dims').size;
  }
  return attrs;
};

export const gatherLocalAttrs: LocalAttrs = (op) => {
  const attrs: Record<string, AttrValue> = { ...op.attrs };
  const dim = attrString(op.attrs, 'dim');
  const g = at(op.operands, 0, op.kind);
  const k = g.type.dims.findIndex((d) => d.name === dim);
  const axes = axesOf(shardingOf(g), k);
  if (axes.length > 0) {
    attrs['offset_axes'] = [...axes];
    attrs['global_size'] = at(g.type.dims, k, 'gather table dims').size;
  }
  return attrs;
};
