// Indexing ops: one_hot (ids to a one-hot dim) and gather (rows picked by ids). On the mesh both
// may hold a tile of their indexed dim: `offset_axes` places the tile (set by the partitioner).

import type { Attrs } from '../ir/module.js';
import { type TensorType, tensorType } from '../ir/types.js';
import { gather, iota, oneHot, sizeAlong } from '../runtime/index.js';
import { i64Array, type TType } from '../emit/mlir-builder.js';
import type { Named } from '../emit/stablehlo-emit.js';
import { resultOf, type Lowering } from '../emit/stablehlo-ops.js';
import { axisOf } from '../emit/jax-expr.js';
import type { OpEntry } from './entry.js';
import { dimNamesOf, notDifferentiable, operandAt } from './grad-support.js';
import {
  arity, attrNumber, attrString, attrStrings, byName, fail, list, names, needDim, ok,
  type Factor, type InferResult,
} from './signature.js';
import { tileStart } from './device-context.js';
import { at } from '../util/checked.js';
import { copyWork, freeWork, vectorWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { gatherLocalAttrs, oneHotLocalAttrs } from './localize-facts.js';

function inferOneHot(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'one_hot');
  if (bad) return bad;
  const t = at(operands, 0, 'one_hot');
  const dim = attrString(attrs, 'dim');
  if (t.dtype !== 'i32') return fail(`one_hot needs i32 indices but its operand is ${t.dtype}.`);
  if (t.dims.some((d) => d.name === dim)) {
    return fail(`one_hot adds dim ${dim}, which its operand ${list(names(t))} already has.`);
  }
  return ok(tensorType('f32', [...t.dims, { name: dim, size: attrNumber(attrs, 'size') }]));
}

function inferGather(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 2, 'gather');
  if (bad) return bad;
  const [table, ids] = operands as [TensorType, TensorType];
  const dim = attrString(attrs, 'dim');
  if (ids.dtype !== 'i32') return fail(`gather needs i32 indices but they are ${ids.dtype}.`, 1);
  const missing = needDim(table, dim, 'gather');
  if (missing) return missing;
  const rest = table.dims.filter((d) => d.name !== dim);
  const clash = rest.find((d) => ids.dims.some((e) => e.name === d.name));
  if (clash) return fail(`gather result would have dim ${clash.name} twice (in the table and in the indices).`, 1);
  return ok(tensorType(table.dtype, [...ids.dims, ...rest]));
}

/** ids == iota along the new last dim; ids outside [0, size) give a zero row, as jax.nn.one_hot does. */
const oneHotHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const ids = at(args, 0, op.kind);
  const { dims, type } = resultOf(op);
  const iType: TType = { shape: type.shape, elem: 'i32' };
  const wide = e.broadcastInDim(ids.ssa, ids.dims.map((_, i) => i), type.shape);
  const hot = e.compare('EQ', wide, e.iota(iType, type.shape.length - 1));
  return [{ ssa: e.convert(hot, type.elem), dims }];
};

/**
 * gather: the table with `dim` moved to the front, indexed by `ids` (each id a whole row):
 * the result has ids' dims followed by the table's other dims in table order, as the IR says.
 */
const gatherHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const [table, ids] = args as [Named, Named];
  const dim = attrString(op.attrs, 'dim');
  const rest = table.dims.filter((d) => d !== dim);
  const front = e.transpose(table, [dim, ...rest]);
  const r = ids.dims.length;
  const { dims, type } = resultOf(op);
  const offsetDims = rest.map((_, i) => r + i).join(', ');
  const ssa = e.b.one({
    op: 'stablehlo.gather', operands: [front.ssa, ids.ssa], result: type,
    props: [
      `dimension_numbers = #stablehlo.gather<offset_dims = [${offsetDims}], collapsed_slice_dims = [0], `
        + `start_index_map = [0], index_vector_dim = ${r}>`,
      `slice_sizes = ${i64Array([1, ...front.ssa.type.shape.slice(1)])}`,
      'indices_are_sorted = false',
    ],
  });
  return [{ ssa, dims }];
};

function inferIota(operands: readonly TensorType[], attrs: Attrs): InferResult {
  return arity(operands, 0, 'iota')
    ?? ok(tensorType('i32', [{ name: attrString(attrs, 'dim'), size: attrNumber(attrs, 'size') }]));
}

export const INDEXING_OPS = {
  iota: {
    name: 'iota', doc: 'The index along dim `dim` of `size`: 0, 1, ..., size - 1 as i32 (positions, causal masks).',
    family: 'indexing', tier: 0,
    infer: inferIota,
    rule: (o, r) => byName(o, r),
    work: freeWork,
    fusion: () => 'elementwise',
    kernel: (op, _args, ctx) => {
      const size = attrNumber(op.attrs, 'size');
      const offset = tileStart(op.kind, ctx, attrStrings(op.attrs, 'offset_axes'), size);
      return [iota(attrString(op.attrs, 'dim'), size, offset)];
    },
    collective: null,
    stablehlo: (cx, op) => {
      const { dims, type } = resultOf(op);
      return [{ ssa: cx.e.iota(type, 0), dims }];
    },
    jax: (op) => `jnp.arange(${attrNumber(op.attrs, 'size')}, dtype=jnp.int32)`,
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'none' },
    gradient: notDifferentiable('i32 positions: no gradient'),
    partition: { ...PLAIN_PARTITION, localAttrs: oneHotLocalAttrs },
    role: PLAIN_ROLE,
    surface: { form: 'custom' },
  } satisfies OpEntry & { name: 'iota' },
  one_hot: {
    name: 'one_hot', doc: 'i32 indices to an f32 one-hot along a new last dim `dim` of `size`.',
    family: 'indexing', tier: 0,
    infer: inferOneHot,
    rule: (o, r) => byName(o, r),
    work: vectorWork(1),
    fusion: () => 'elementwise',
    kernel: (op, args, ctx) => {
      const size = attrNumber(op.attrs, 'size');
      const offset = tileStart(op.kind, ctx, attrStrings(op.attrs, 'offset_axes'), size);
      return [oneHot(at(args, 0, op.kind), attrString(op.attrs, 'dim'), size, offset, 'f32')];
    },
    collective: null,
    stablehlo: oneHotHlo,
    jax: (op, arg) => `jax.nn.one_hot(${arg(0)}, ${attrNumber(op.attrs, 'size')}, dtype=jnp.float32)`,
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'none' },
    gradient: notDifferentiable('a one-hot of i32 ids: the ids carry no gradient'),
    surface: { form: 'custom' },
    partition: { ...PLAIN_PARTITION, localAttrs: oneHotLocalAttrs },
    // the ids index the new dim; a one-hot of ids is rebuilt in the backward's fusion from them
    role: { ...PLAIN_ROLE, idRange: (op) => Number(op.attrs['size']) || undefined, rebuiltFrom: 0 },
  } satisfies OpEntry & { name: 'one_hot' },
  gather: {
    name: 'gather', doc: 'Rows of `table` along `dim` picked by i32 `ids` (embedding lookup).',
    family: 'indexing', tier: 1,
    infer: inferGather,
    rule: (o, r, a) => {
      const dim = attrString(a, 'dim');
      const size = at(o, 0, 'gather operands').dims.find((d) => d.name === dim)?.size ?? 0;
      return byName(o, r, new Map([[dim, { name: dim, size, kind: 'reduction', combiner: 'sum' } as Factor]]));
    },
    // reads the picked rows (as large as the result) and the ids, writes the result
    work: copyWork([1]),
    fusion: () => 'none',
    kernel: (op, args, ctx) => {
      const [x, ids] = [at(args, 0, op.kind), at(args, 1, op.kind)];
      const dim = attrString(op.attrs, 'dim');
      const offsetAxes = attrStrings(op.attrs, 'offset_axes');
      if (!offsetAxes.length) return [gather(x, ids, dim)];
      return [gather(x, ids, dim, { offset: tileStart(op.kind, ctx, offsetAxes, sizeAlong(x, dim)) })];
    },
    collective: null,
    stablehlo: gatherHlo,
    jax: (op, arg) => {
      const axis = axisOf(operandAt(op, 0), attrString(op.attrs, 'dim'));
      const table = axis === 0 ? arg(0) : `jnp.moveaxis(${arg(0)}, ${axis}, 0)`;
      return `jnp.take(${table}, ${arg(1)}, axis=0, mode="clip")`;
    },
    splitNormalization: null,
    training: { saves: 'operands', product: 'none', differentiable: 'all' },
    // the table's cotangent: each picked row gets its cotangent summed in (a scatter-add, written as
    // a one-hot contraction, which shards like the forward einsum of a one-hot); the ids take none
    gradient: (b, op, [ct]) => {
      const [table, ids] = [operandAt(op, 0), operandAt(op, 1)];
      if (!ct || !b.wants(0)) return [undefined, undefined];
      const dim = attrString(op.attrs, 'dim');
      const size = table.type.dims.find((d) => d.name === dim)?.size ?? 0;
      const hot = b.op('one_hot', [ids], { dim, size }, 'rows');
      const inputs = [dimNamesOf(ct.type), dimNamesOf(hot.type)];
      return [b.op('einsum', [ct, hot], { inputs, output: dimNamesOf(table.type) }, 'scatter_add'), undefined];
    },
    surface: { form: 'custom' },
    partition: { ...PLAIN_PARTITION, localAttrs: gatherLocalAttrs },
    role: {
      ...PLAIN_ROLE,
      // operand 1 (the ids) picks rows of the table's dim `dim`
      idRange: (op, operand) => (operand !== 1 ? undefined
        : op.operands[0]?.type.dims.find((d) => d.name === attrString(op.attrs, 'dim'))?.size),
    },
  } satisfies OpEntry & { name: 'gather' },
} as const;
