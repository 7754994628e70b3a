// The op table entries of the partitioned program: reshards, collectives and the local SPMD
// helpers. Their result sizes are explicit attrs, computed by the partitioner from the shardings.

import type { Attrs } from './module.js';
import { attrNumber, attrString, type InferResult, type OpDef, type ShardingRule } from './op-def.js';
import { tensorType, type TensorType } from './types.js';

function identityRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  const factors = operands[0]?.dims.map((d) => ({ name: d.name, size: d.size, kind: 'pass' as const })) ?? [];
  const dims = (t: TensorType) => t.dims.map((d) => [d.name]);
  return { factors, operands: operands.map(dims), results: results.map(dims) };
}

function one(operands: readonly TensorType[], op: string): TensorType | InferResult {
  return operands.length === 1 ? operands[0]! : { ok: false, message: `${op} takes 1 operand but was given ${operands.length}.` };
}

/** The operand with dims resized: `resize` maps dim name -> new local size. */
function resized(op: string, resize: (attrs: Attrs) => Record<string, number>) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult => {
    const t = one(operands, op);
    if ('ok' in t) return t;
    const sizes = resize(attrs);
    for (const name of Object.keys(sizes)) {
      if (!t.dims.some((d) => d.name === name)) return { ok: false, message: `${op} works along dim ${name}, which its operand does not have.` };
      if (!(sizes[name]! >= 1)) return { ok: false, message: `${op} needs a positive size for dim ${name} but has ${sizes[name]}.` };
    }
    return { ok: true, types: [tensorType(t.dtype, t.dims.map((d) => (d.name in sizes ? { name: d.name, size: sizes[d.name]! } : d)))] };
  };
}

const same = (op: string) => (operands: readonly TensorType[]): InferResult => {
  const t = one(operands, op);
  return 'ok' in t ? t : { ok: true, types: [t] };
};

const def = (name: string, doc: string, infer: OpDef['infer']): OpDef => ({ name, doc, tier: 1, infer, rule: identityRule });

export const COLLECTIVE_DEFS: readonly OpDef[] = [
  def('reshard', 'Global view: the operand must take sharding `to`; becomes collectives later.', same('reshard')),
  def('all_reduce', 'Sums (or maxes) over the devices that differ only along `axes`.', same('all_reduce')),
  def('all_gather', 'Concatenates the shards of dim `dim` over `axes`; its local size becomes `size`.',
    resized('all_gather', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') }))),
  def('reduce_scatter', 'Sums over `axes` and keeps this device\'s slice of dim `dim` (local size `size`).',
    resized('reduce_scatter', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') }))),
  def('all_to_all', 'Over `axes`: splits dim `split_dim` (to `split_size`) and concatenates along `concat_dim` (to `concat_size`).',
    resized('all_to_all', (a) => ({ [attrString(a, 'split_dim')]: attrNumber(a, 'split_size'), [attrString(a, 'concat_dim')]: attrNumber(a, 'concat_size') }))),
  def('collective_permute', 'Sends each device\'s buffer along `pairs` [source, target]; a device receiving nothing gets zeros.', same('collective_permute')),
  def('dynamic_slice', 'Local: this device\'s tile of dim `dim` split over `axes` (local size `size`), zero-padded past the end.',
    resized('dynamic_slice', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') }))),
  def('slice', 'Local: the first `size` elements of dim `dim` (drops padding after an all_gather).',
    resized('slice', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') }))),
  def('pad', 'Local: pads dim `dim` to `size` with zeros (so it divides evenly before a collective).',
    resized('pad', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') }))),
  def('mask', 'Local: sets positions of dim `dim` at or past the real size `valid` (split over `axes`) to `fill`.', same('mask')),
];
