// Lowers each global-IR op (named dims) to StableHLO ops (positional), one function per op kind.

import type { Op } from '../ir/module.js';
import { attrNumber, attrString, attrStrings } from '../ir/ops.js';
import type { DType } from '../ir/types.js';
import { elemOf, i64Array, type ElemType, type SSA, type TType } from './mlir-builder.js';
import { StableHloEmitter, type Named } from './stablehlo-emit.js';

export type MatmulPrecision = 'default' | 'highest';

export interface LowerContext {
  readonly e: StableHloEmitter;
  readonly precision: MatmulPrecision;
}

type Lowering = (cx: LowerContext, op: Op, args: readonly Named[]) => Named[];

/** The IR op's result as the dims and type its lowering must produce. */
function resultOf(op: Op, i = 0): { dims: string[]; type: TType } {
  const t = op.results[i]!.type;
  return { dims: t.dims.map((d) => d.name), type: { shape: t.dims.map((d) => d.size), elem: elemOf(t.dtype) } };
}

const BINARY: Record<string, string> = {
  add: 'stablehlo.add', sub: 'stablehlo.subtract', mul: 'stablehlo.multiply', div: 'stablehlo.divide', max: 'stablehlo.maximum',
};

const UNARY: Record<string, string> = {
  exp: 'stablehlo.exponential', log: 'stablehlo.log', tanh: 'stablehlo.tanh', neg: 'stablehlo.negate',
};

/** Both operands aligned (transposed, broadcast) to the result's dims: named broadcasting. */
function aligned(cx: LowerContext, op: Op, args: readonly Named[]): [SSA, SSA] {
  const { dims, type } = resultOf(op);
  return [cx.e.alignTo(args[0]!, dims, type.shape).ssa, cx.e.alignTo(args[1]!, dims, type.shape).ssa];
}

function binary(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const [a, b] = aligned(cx, op, args);
  return [{ ssa: cx.e.binary(BINARY[op.kind]!, a, b), dims: resultOf(op).dims }];
}

/** lt/gt: a compare, then 1.0/0.0 in f32 (the IR's masks are f32). */
function comparison(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const [a, b] = aligned(cx, op, args);
  const mask = cx.e.compare(op.kind === 'lt' ? 'LT' : 'GT', a, b);
  return [{ ssa: cx.e.convert(mask, 'f32'), dims: resultOf(op).dims }];
}

function unary(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  return [{ ssa: cx.e.unary(UNARY[op.kind]!, args[0]!.ssa), dims: args[0]!.dims }];
}

function relu(cx: LowerContext, _op: Op, args: readonly Named[]): Named[] {
  const x = args[0]!;
  return [{ ssa: cx.e.binary('stablehlo.maximum', x.ssa, cx.e.splat(0, x.ssa.type)), dims: x.dims }];
}

/** The tanh approximation, as jax.nn.gelu and our runtime compute it: x * 0.5 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3))). */
function gelu(cx: LowerContext, _op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const x = args[0]!.ssa;
  const c = (v: number): SSA => e.splat(v, x.type);
  const x3 = e.binary('stablehlo.multiply', e.binary('stablehlo.multiply', x, x), x);
  const inner = e.binary('stablehlo.add', x, e.binary('stablehlo.multiply', c(0.044715), x3));
  const t = e.unary('stablehlo.tanh', e.binary('stablehlo.multiply', c(Math.sqrt(2 / Math.PI)), inner));
  const cdf = e.binary('stablehlo.multiply', c(0.5), e.binary('stablehlo.add', c(1), t));
  return [{ ssa: e.binary('stablehlo.multiply', x, cdf), dims: args[0]!.dims }];
}

function cast(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const x = args[0]!;
  const to = elemOf(attrString(op.attrs, 'to') as DType);
  // To bool means `!= 0` (as the runtime does), which a plain convert does not promise for floats.
  const ssa = to === 'i1' ? cx.e.compare('NE', x.ssa, cx.e.splat(0, x.ssa.type)) : cx.e.convert(x.ssa, to);
  return [{ ssa, dims: x.dims }];
}

/**
 * einsum over dim names as one dot_general: dims only in one operand and not in the output are
 * summed first; dims in both operands are batch dims when the output keeps them, else contracted.
 * dot_general orders its result [batch, lhs free, rhs free]; a transpose gives the output order.
 */
function einsum(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const output = attrStrings(op.attrs, 'output');
  if (args.length === 1) {
    const a = args[0]!;
    return [e.transpose(e.reduce(a, a.dims.filter((d) => !output.includes(d)), 'add'), output)];
  }
  let [a, b] = args as [Named, Named];
  a = e.reduce(a, a.dims.filter((d) => !b.dims.includes(d) && !output.includes(d)), 'add');
  b = e.reduce(b, b.dims.filter((d) => !a.dims.includes(d) && !output.includes(d)), 'add');
  const batch = output.filter((d) => a.dims.includes(d) && b.dims.includes(d));
  const contract = a.dims.filter((d) => b.dims.includes(d) && !output.includes(d));
  const lhsFree = a.dims.filter((d) => !b.dims.includes(d));
  const rhsFree = b.dims.filter((d) => !a.dims.includes(d));
  const dims = [...batch, ...lhsFree, ...rhsFree];
  const size = (d: string): number => (a.dims.includes(d) ? a.ssa.type.shape[a.dims.indexOf(d)]! : b.ssa.type.shape[b.dims.indexOf(d)]!);
  const pos = (x: Named, ds: readonly string[]): string => `[${ds.map((d) => x.dims.indexOf(d)).join(', ')}]`;
  // The printer leaves out empty lists; so do we.
  const fields: string[] = [];
  if (batch.length > 0) fields.push(`lhs_batching_dimensions = ${pos(a, batch)}`, `rhs_batching_dimensions = ${pos(b, batch)}`);
  if (contract.length > 0) fields.push(`lhs_contracting_dimensions = ${pos(a, contract)}`, `rhs_contracting_dimensions = ${pos(b, contract)}`);
  const precision = cx.precision === 'highest' && a.ssa.type.elem === 'f32' ? 'HIGHEST' : 'DEFAULT';
  const ssa = e.b.one({
    op: 'stablehlo.dot_general', operands: [a.ssa, b.ssa], result: { shape: dims.map(size), elem: a.ssa.type.elem },
    props: [
      `dot_dimension_numbers = #stablehlo.dot<${fields.join(', ')}>`,
      `precision_config = [#stablehlo<precision ${precision}>, #stablehlo<precision ${precision}>]`,
    ],
  });
  return [e.transpose({ ssa, dims }, output)];
}

/** Max-subtracted softmax along `dim`: exp(x - max) / sum(exp(x - max)); log-softmax is (x - max) - log(sum). */
function softmax(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const x = args[0]!;
  const dim = attrString(op.attrs, 'dim');
  const shifted = e.binary('stablehlo.subtract', x.ssa, e.reduceKeep(x, [dim], 'max'));
  const ex = e.unary('stablehlo.exponential', shifted);
  const sum = e.reduce({ ssa: ex, dims: x.dims }, [dim], 'add');
  const back = (r: Named): SSA => e.alignTo(r, x.dims, x.ssa.type.shape).ssa;
  // log-softmax takes the log before broadcasting: one log per row, not per element.
  const ssa = op.kind === 'softmax'
    ? e.binary('stablehlo.divide', ex, back(sum))
    : e.binary('stablehlo.subtract', shifted, back({ ssa: e.unary('stablehlo.log', sum.ssa), dims: sum.dims }));
  return [{ ssa, dims: x.dims }];
}

/** (x - mean) * rsqrt(var + 1e-6) over `dims`, with the biased variance; no scale or bias. */
function layerNorm(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const x = args[0]!;
  const dims = attrStrings(op.attrs, 'dims');
  const count = dims.reduce((n, d) => n * x.ssa.type.shape[x.dims.indexOf(d)]!, 1);
  const mean = e.binary('stablehlo.divide', e.reduceKeep(x, dims, 'add'), e.splat(count, x.ssa.type));
  const centered = e.binary('stablehlo.subtract', x.ssa, mean);
  const sq = e.binary('stablehlo.multiply', centered, centered);
  const variance = e.binary('stablehlo.divide', e.reduceKeep({ ssa: sq, dims: x.dims }, dims, 'add'), e.splat(count, x.ssa.type));
  const inv = e.unary('stablehlo.rsqrt', e.binary('stablehlo.add', variance, e.splat(1e-6, x.ssa.type)));
  return [{ ssa: e.binary('stablehlo.multiply', centered, inv), dims: x.dims }];
}

function reduction(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const x = args[0]!;
  const dims = attrStrings(op.attrs, 'dims');
  const r = e.reduce(x, dims, op.kind === 'reduce_max' ? 'max' : 'add');
  if (op.kind !== 'reduce_mean') return [r];
  const count = dims.reduce((n, d) => n * x.ssa.type.shape[x.dims.indexOf(d)]!, 1);
  return [{ ssa: e.binary('stablehlo.divide', r.ssa, e.splat(count, r.ssa.type)), dims: r.dims }];
}

function transpose(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  return [cx.e.transpose(args[0]!, attrStrings(op.attrs, 'order'))];
}

/** Row-major reshape: the IR's dims are in storage order, as StableHLO's are. */
function reshape(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { dims, type } = resultOf(op);
  return [{ ssa: cx.e.b.one({ op: 'stablehlo.reshape', operands: [args[0]!.ssa], result: type }), dims }];
}

/** A rename changes a dim's name only: positionally nothing happens. */
function rename(_cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  return [{ ssa: args[0]!.ssa, dims: resultOf(op).dims }];
}

/** ids == iota along the new last dim; ids outside [0, size) give a zero row, as jax.nn.one_hot does. */
function oneHot(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const ids = args[0]!;
  const { dims, type } = resultOf(op);
  const iType: TType = { shape: type.shape, elem: 'i32' };
  const wide = e.broadcastInDim(ids.ssa, ids.dims.map((_, i) => i), type.shape);
  const hot = e.compare('EQ', wide, e.iota(iType, type.shape.length - 1));
  return [{ ssa: e.convert(hot, type.elem), dims }];
}

/**
 * Prefix sum along `dim` as a reduce_window of the whole dim padded in front (what jax lowers
 * cumsum to on TPU). Exclusive: the input shifted by one first (pad 1 in front, -1 at the back),
 * which is exact where `inclusive - x` would round.
 */
function cumsum(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  let x = args[0]!.ssa;
  const k = args[0]!.dims.indexOf(attrString(op.attrs, 'dim'));
  const n = x.type.shape[k]!;
  const zero = e.initValue('add', x.type.elem);
  const at = (v: number): number[] => x.type.shape.map((_, i) => (i === k ? v : 0));
  if (op.attrs['exclusive'] === true) {
    x = e.b.one({
      op: 'stablehlo.pad', operands: [x, zero], result: x.type,
      props: [`edge_padding_low = ${i64Array(at(1))}`, `edge_padding_high = ${i64Array(at(-1))}`, `interior_padding = ${i64Array(at(0))}`],
    });
  }
  const rank = x.type.shape.length;
  const window = x.type.shape.map((_, i) => (i === k ? n : 1));
  const padding = x.type.shape.map((_, i) => `[${i === k ? n - 1 : 0}, 0]`).join(', ');
  const scalar: TType = { shape: [], elem: x.type.elem };
  const ssa = e.b.one({
    op: 'stablehlo.reduce_window', operands: [x, zero], result: x.type,
    props: [`window_dimensions = ${i64Array(window)}`, `padding = dense<[${padding}]> : tensor<${rank}x2xi64>`],
    regions: [{ args: [scalar, scalar], body: (rb, [p, q]) => [rb.one({ op: 'stablehlo.add', operands: [p!, q!], result: scalar })] }],
  });
  return [{ ssa, dims: args[0]!.dims }];
}

/**
 * argmax along `dim` as a variadic reduce over (value, index) with jax's comparator: the larger
 * value wins, a NaN wins, and on equal values the lower index wins.
 */
function argmax(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const x = args[0]!;
  const k = x.dims.indexOf(attrString(op.attrs, 'dim'));
  const elem = x.ssa.type.elem;
  const idx = e.iota({ shape: x.ssa.type.shape, elem: 'i32' }, k);
  const vScalar: TType = { shape: [], elem };
  const iScalar: TType = { shape: [], elem: 'i32' };
  const keep = x.dims.map((_, i) => i).filter((i) => i !== k);
  const results = e.b.emit({
    op: 'stablehlo.reduce', operands: [x.ssa, idx, e.initValue('max', elem), e.splat(0, iScalar)],
    results: [{ shape: keep.map((i) => x.ssa.type.shape[i]!), elem }, { shape: keep.map((i) => x.ssa.type.shape[i]!), elem: 'i32' }],
    props: [`dimensions = ${i64Array([k])}`],
    regions: [{
      args: [vScalar, iScalar, vScalar, iScalar],
      body: (rb, [av, ai, bv, bi]) => {
        const r = new StableHloEmitter(rb);
        const pickV = r.binary('stablehlo.or', r.compare('GT', av!, bv!), r.compare('NE', av!, av!));
        const tie = r.binary('stablehlo.and', r.compare('EQ', av!, bv!), r.compare('LT', ai!, bi!));
        const pickI = r.binary('stablehlo.or', pickV, tie);
        return [r.select(pickV, av!, bv!), r.select(pickI, ai!, bi!)];
      },
    }],
  });
  return [{ ssa: results[1]!, dims: keep.map((i) => x.dims[i]!) }];
}

/**
 * top_k along `dim`: a stable descending sort of (values, indices), so equal values keep
 * increasing index order, then the first k. The new dim `k_dim` takes `dim`'s position.
 */
function topK(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const x = args[0]!;
  const k = x.dims.indexOf(attrString(op.attrs, 'dim'));
  const count = attrNumber(op.attrs, 'k');
  const elem = x.ssa.type.elem;
  const idx = e.iota({ shape: x.ssa.type.shape, elem: 'i32' }, k);
  const vScalar: TType = { shape: [], elem };
  const iScalar: TType = { shape: [], elem: 'i32' };
  const [vals, ids] = e.b.emit({
    op: 'stablehlo.sort', operands: [x.ssa, idx], results: [x.ssa.type, idx.type],
    props: [`dimension = ${k} : i64`, 'is_stable = true'],
    regions: [{
      args: [vScalar, vScalar, iScalar, iScalar],
      body: (rb, [a, b]) => [new StableHloEmitter(rb).compare('GT', a!, b!)],
    }],
  }) as [SSA, SSA];
  const dims = resultOf(op).dims;
  const limit = x.ssa.type.shape.map((s, i) => (i === k ? count : s));
  const slice = (v: SSA, elemOut: ElemType): SSA => e.b.one({
    op: 'stablehlo.slice', operands: [v], result: { shape: limit, elem: elemOut },
    props: [`start_indices = ${i64Array(limit.map(() => 0))}`, `limit_indices = ${i64Array(limit)}`, `strides = ${i64Array(limit.map(() => 1))}`],
  });
  return [{ ssa: slice(vals, elem), dims }, { ssa: slice(ids, 'i32'), dims }];
}

/**
 * gather: the table with `dim` moved to the front, indexed by `ids` (each id a whole row):
 * the result has ids' dims followed by the table's other dims in table order, as the IR says.
 */
function gather(cx: LowerContext, op: Op, args: readonly Named[]): Named[] {
  const { e } = cx;
  const [table, ids] = args as [Named, Named];
  const dim = attrString(op.attrs, 'dim');
  const rest = table.dims.filter((d) => d !== dim);
  const front = e.transpose(table, [dim, ...rest]);
  const r = ids.dims.length;
  const { dims, type } = resultOf(op);
  const ssa = e.b.one({
    op: 'stablehlo.gather', operands: [front.ssa, ids.ssa], result: type,
    props: [
      `dimension_numbers = #stablehlo.gather<offset_dims = [${rest.map((_, i) => r + i).join(', ')}], collapsed_slice_dims = [0], start_index_map = [0], index_vector_dim = ${r}>`,
      `slice_sizes = ${i64Array([1, ...front.ssa.type.shape.slice(1)])}`,
      'indices_are_sorted = false',
    ],
  });
  return [{ ssa, dims }];
}

function constant(cx: LowerContext, op: Op): Named[] {
  const { type } = resultOf(op);
  return [{ ssa: cx.e.splat(attrNumber(op.attrs, 'value'), type), dims: [] }];
}

export const LOWERINGS: ReadonlyMap<string, Lowering> = new Map<string, Lowering>([
  ['einsum', einsum],
  ...Object.keys(BINARY).map((k): [string, Lowering] => [k, binary]),
  ['lt', comparison], ['gt', comparison],
  ...Object.keys(UNARY).map((k): [string, Lowering] => [k, unary]),
  ['relu', relu], ['gelu', gelu], ['cast', cast],
  ['softmax', softmax], ['log_softmax', softmax], ['layer_norm', layerNorm],
  ['reduce_sum', reduction], ['reduce_mean', reduction], ['reduce_max', reduction],
  ['transpose', transpose], ['reshape', reshape], ['rename', rename],
  ['one_hot', oneHot], ['cumsum', cumsum], ['argmax', argmax], ['top_k', topK], ['gather', gather],
  ['constant', constant],
]);
