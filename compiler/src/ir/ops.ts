// The op table of the global IR: for every op its printed name, signature (type inference) and
// sharding rule (factors by dim name, Shardy style). Passes look ops up here; none switch on kinds.

import type { Attrs } from './module.js';
import { type DType, type Dim, type TensorType, tensorType } from './types.js';
import { parseEinsumSpec } from './einsum-spec.js';
import { COLLECTIVE_DEFS } from './collective-ops.js';

// The types of a definition live in op-def.ts (collective-ops.ts needs them and this file needs its entries).
export * from './op-def.js';
import {
  attrNumber, attrNumbers, attrString, attrStrings, attrStringLists,
  type Factor, type InferResult, type OpDef, type ShardingRule,
} from './op-def.js';

const ok = (...types: TensorType[]): InferResult => ({ ok: true, types });
const fail = (message: string, operand?: number): InferResult =>
  operand === undefined ? { ok: false, message } : { ok: false, message, operand };

const names = (t: TensorType) => t.dims.map((d) => d.name);
const list = (xs: readonly string[]) => `[${xs.join(', ')}]`;
const isFloat = (d: DType) => d === 'f32' || d === 'bf16';

/** True when `t`'s dims are exactly `expected`, in order. */
function hasDimNames(t: TensorType, expected: readonly string[]): boolean {
  if (t.dims.length !== expected.length) return false;
  for (let i = 0; i < expected.length; i++) if (t.dims[i]!.name !== expected[i]) return false;
  return true;
}

function arity(operands: readonly TensorType[], n: number, op: string): InferResult | undefined {
  return operands.length === n ? undefined : fail(`${op} takes ${n} operand${n === 1 ? '' : 's'} but was given ${operands.length}.`);
}

function needDim(t: TensorType, dim: string, op: string, operand = 0): InferResult | undefined {
  return t.dims.some((d) => d.name === dim) ? undefined : fail(`${op} works along dim ${dim}, but its operand has dims ${list(names(t))}.`, operand);
}

function needFloat(t: TensorType, op: string, operand = 0): InferResult | undefined {
  return isFloat(t.dtype) ? undefined : fail(`${op} needs a floating-point operand (f32 or bf16) but operand ${operand + 1} is ${t.dtype}.`, operand);
}

/** Identity factor mapping by dim name for every operand and result. */
function byName(operands: readonly TensorType[], results: readonly TensorType[], kinds: ReadonlyMap<string, Factor> = new Map()): ShardingRule {
  const factors = new Map<string, Factor>();
  for (const t of [...operands, ...results]) {
    for (const d of t.dims) if (!factors.has(d.name)) factors.set(d.name, kinds.get(d.name) ?? { name: d.name, size: d.size, kind: 'pass' });
  }
  const dimsOf = (t: TensorType) => t.dims.map((d) => [d.name]);
  return { factors: [...factors.values()], operands: operands.map(dimsOf), results: results.map(dimsOf) };
}

function blockedAlong(t: TensorType, dims: readonly string[], kind: 'blocked' | 'normalized' = 'blocked'): Map<string, Factor> {
  const m = new Map<string, Factor>();
  for (const d of t.dims) if (dims.includes(d.name)) m.set(d.name, { name: d.name, size: d.size, kind });
  return m;
}

function reducedAway(operands: readonly TensorType[], results: readonly TensorType[], combiner: 'sum' | 'max'): Map<string, Factor> {
  const kept = new Set(results.flatMap(names));
  const m = new Map<string, Factor>();
  for (const t of operands) for (const d of t.dims) if (!kept.has(d.name)) m.set(d.name, { name: d.name, size: d.size, kind: 'reduction', combiner });
  return m;
}

// ---- signatures -------------------------------------------------------------------------------

function inferEinsum(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const inputs = attrStringLists(attrs, 'inputs');
  const output = attrStrings(attrs, 'output');
  if (operands.length !== inputs.length) return fail(`einsum subscripts name ${inputs.length} operand(s) but ${operands.length} were given.`);
  const sizes = new Map<string, number>();
  for (let i = 0; i < operands.length; i++) {
    if (!hasDimNames(operands[i]!, inputs[i]!)) {
      return fail(`einsum operand ${i + 1} has dims ${list(names(operands[i]!))} but the subscripts say ${list(inputs[i]!)}.`, i);
    }
    for (const d of operands[i]!.dims) sizes.set(d.name, d.size);
  }
  if (operands.length === 2 && operands[0]!.dtype !== operands[1]!.dtype) {
    return fail(`einsum operands must have one dtype but they are ${operands[0]!.dtype} and ${operands[1]!.dtype}.`, 1);
  }
  if (!isFloat(operands[0]!.dtype)) return needFloat(operands[0]!, 'einsum')!;
  const dims: Dim[] = [];
  for (const n of output) {
    const size = sizes.get(n);
    if (size === undefined) return fail(`einsum output dim ${n} is not a dim of any operand (${list([...sizes.keys()])}).`);
    if (dims.some((d) => d.name === n)) return fail(`einsum output names dim ${n} twice.`);
    dims.push({ name: n, size });
  }
  return ok(tensorType(operands[0]!.dtype, dims));
}

/** Named broadcasting: the result has the dims of the operand whose dims include the other's. */
function broadcastType(operands: readonly TensorType[], op: string, resultDType?: DType): InferResult {
  const bad = arity(operands, 2, op);
  if (bad) return bad;
  const [a, b] = operands as [TensorType, TensorType];
  if (a.dtype !== b.dtype) return fail(`${op} needs operands of one dtype but they are ${a.dtype} and ${b.dtype}.`, 1);
  // The common case, equal dims, needs no sets.
  if (hasDimNames(a, names(b))) return ok(tensorType(resultDType ?? a.dtype, a.dims));
  const an = new Set(names(a));
  const bn = new Set(names(b));
  const aCoversB = [...bn].every((n) => an.has(n));
  const bCoversA = [...an].every((n) => bn.has(n));
  if (aCoversB && (!bCoversA || a.dims.length >= b.dims.length)) return ok(tensorType(resultDType ?? a.dtype, a.dims));
  if (bCoversA) return ok(tensorType(resultDType ?? b.dtype, b.dims));
  return fail(`${op} operands must have the same dims, or one's dims a subset of the other's, but they are ${list(names(a))} and ${list(names(b))}.`, 1);
}

function unaryFloat(op: string) {
  return (operands: readonly TensorType[]): InferResult =>
    arity(operands, 1, op) ?? needFloat(operands[0]!, op) ?? ok(operands[0]!);
}

function alongDim(op: string, float = true) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult =>
    arity(operands, 1, op) ?? (float ? needFloat(operands[0]!, op) : undefined) ?? needDim(operands[0]!, attrString(attrs, 'dim'), op) ?? ok(operands[0]!);
}

function inferReduce(op: string) {
  return (operands: readonly TensorType[], attrs: Attrs): InferResult => {
    const bad = arity(operands, 1, op);
    if (bad) return bad;
    const t = operands[0]!;
    const dims = attrStrings(attrs, 'dims');
    for (const d of dims) {
      const missing = needDim(t, d, op);
      if (missing) return missing;
    }
    return ok(tensorType(t.dtype, t.dims.filter((d) => !dims.includes(d.name))));
  };
}

function inferTranspose(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'transpose');
  if (bad) return bad;
  const t = operands[0]!;
  const order = attrStrings(attrs, 'order');
  const have = names(t);
  if (order.length !== have.length || !have.every((n) => order.includes(n))) {
    return fail(`transpose order must be a permutation of ${list(have)} but is ${list(order)}.`);
  }
  return ok(tensorType(t.dtype, order.map((n) => t.dims.find((d) => d.name === n)!)));
}

function inferReshape(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'reshape');
  if (bad) return bad;
  const t = operands[0]!;
  const dimNames = attrStrings(attrs, 'dims');
  const sizes = attrNumbers(attrs, 'sizes');
  const dims = dimNames.map((name, i) => ({ name, size: sizes[i] ?? NaN }));
  const from = t.dims.reduce((n, d) => n * d.size, 1);
  const to = dims.reduce((n, d) => n * d.size, 1);
  if (from !== to) {
    return fail(`reshape must keep the element count: ${list(names(t))} has ${from} elements but ${list(dimNames)} has ${to}.`);
  }
  if (new Set(dimNames).size !== dimNames.length) return fail(`reshape target names a dim twice: ${list(dimNames)}.`);
  return ok(tensorType(t.dtype, dims));
}

function inferRename(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'rename');
  if (bad) return bad;
  const t = operands[0]!;
  const from = attrString(attrs, 'from');
  const to = attrString(attrs, 'to');
  const size = attrNumber(attrs, 'size');
  const missing = needDim(t, from, 'rename');
  if (missing) return missing;
  const old = t.dims.find((d) => d.name === from)!;
  if (old.size !== size) return fail(`rename needs dims of equal size but ${from} is ${old.size} and ${to} is ${size}.`);
  if (from !== to && t.dims.some((d) => d.name === to)) return fail(`rename target ${to} is already a dim of ${list(names(t))}.`);
  return ok(tensorType(t.dtype, t.dims.map((d) => (d.name === from ? { name: to, size } : d))));
}

function inferOneHot(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'one_hot');
  if (bad) return bad;
  const t = operands[0]!;
  const dim = attrString(attrs, 'dim');
  if (t.dtype !== 'i32') return fail(`one_hot needs i32 indices but its operand is ${t.dtype}.`);
  if (t.dims.some((d) => d.name === dim)) return fail(`one_hot adds dim ${dim}, which its operand ${list(names(t))} already has.`);
  return ok(tensorType('f32', [...t.dims, { name: dim, size: attrNumber(attrs, 'size') }]));
}

function inferArgmax(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = alongDim('argmax')(operands, attrs);
  if (!bad.ok) return bad;
  const dim = attrString(attrs, 'dim');
  return ok(tensorType('i32', operands[0]!.dims.filter((d) => d.name !== dim)));
}

function inferTopK(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = alongDim('top_k')(operands, attrs);
  if (!bad.ok) return bad;
  const t = operands[0]!;
  const dim = attrString(attrs, 'dim');
  const kDim = attrString(attrs, 'k_dim');
  const k = attrNumber(attrs, 'k');
  const size = t.dims.find((d) => d.name === dim)!.size;
  if (!(k >= 1 && k <= size)) return fail(`top_k needs 1 <= k <= ${size} (the size of ${dim}) but k is ${k}.`);
  if (t.dims.some((d) => d.name === kDim)) return fail(`top_k result dim ${kDim} is already a dim of ${list(names(t))}.`);
  const dims = t.dims.map((d) => (d.name === dim ? { name: kDim, size: k } : d));
  return ok(tensorType(t.dtype, dims), tensorType('i32', dims));
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

function inferConstant(_operands: readonly TensorType[], attrs: Attrs): InferResult {
  const dtype = attrString(attrs, 'dtype') as DType;
  return ok(tensorType(dtype || 'f32', []));
}

function inferCast(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'cast');
  if (bad) return bad;
  const to = attrString(attrs, 'to') as DType;
  if (!['f32', 'bf16', 'i32', 'bool'].includes(to)) return fail(`cast needs a dtype (f32, bf16, i32, bool) but was given "${to}".`);
  return ok(tensorType(to, operands[0]!.dims));
}

// ---- sharding rules ---------------------------------------------------------------------------

function einsumRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  return byName(operands, results, reducedAway(operands, results, 'sum'));
}

/**
 * Reshape factors: the coarsest common refinement of the two shapes, e.g. [B=4, L=6] -> [G=8, S=3]
 * gives factors f0=4, f1=2, f2=3 with B=(f0), L=(f1,f2), G=(f0,f1), S=(f2).
 */
export function reshapeRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  const from = operands[0]!.dims.map((d) => d.size);
  const to = results[0]!.dims.map((d) => d.size);
  const factors: Factor[] = [];
  const fromDims: string[][] = from.map(() => []);
  const toDims: string[][] = to.map(() => []);
  let i = 0;
  let j = 0;
  let remI = from[0] ?? 1;
  let remJ = to[0] ?? 1;
  while (i < from.length && j < to.length) {
    if (remI === 1) { i++; remI = from[i] ?? 1; continue; }
    if (remJ === 1) { j++; remJ = to[j] ?? 1; continue; }
    const g = gcd(remI, remJ);
    if (g === 1) {
      // The dim boundaries do not nest (e.g. [16, 6] -> [6, 16]): the rest of both shapes is one
      // blocked factor, so those dims are gathered whole around the reshape.
      const name = `f${factors.length}`;
      factors.push({ name, size: remI * from.slice(i + 1).reduce((a, b) => a * b, 1), kind: 'blocked' });
      for (let k = i; k < from.length; k++) fromDims[k]!.push(name);
      for (let k = j; k < to.length; k++) toDims[k]!.push(name);
      break;
    }
    const name = `f${factors.length}`;
    factors.push({ name, size: g, kind: 'pass' });
    fromDims[i]!.push(name);
    toDims[j]!.push(name);
    remI /= g;
    remJ /= g;
  }
  return { factors, operands: [fromDims], results: [toDims] };
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function renameRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  const t = operands[0]!;
  const factors: Factor[] = t.dims.map((d) => ({ name: d.name, size: d.size, kind: 'pass' }));
  const dimsOf = t.dims.map((d) => [d.name]);
  // The result's renamed dim keeps the operand's factor: `rename(x, S, T)` maps T onto factor S.
  return { factors, operands: [dimsOf], results: results.map(() => dimsOf) };
}

function topKRule(operands: readonly TensorType[], results: readonly TensorType[], attrs: Attrs): ShardingRule {
  const dim = attrString(attrs, 'dim');
  const kDim = attrString(attrs, 'k_dim');
  const rule = byName(operands, results, new Map([
    ...blockedAlong(operands[0]!, [dim]),
    ...blockedAlong(results[0]!, [kDim]),
  ]));
  return rule;
}

// ---- the table --------------------------------------------------------------------------------

const elementwise = (name: string, doc: string, resultDType?: DType): OpDef => ({
  name, doc, tier: 0,
  infer: (operands) => broadcastType(operands, name, resultDType),
  rule: (operands, results) => byName(operands, results),
});

const unary = (name: string, doc: string): OpDef => ({
  name, doc, tier: 0, infer: unaryFloat(name), rule: (o, r) => byName(o, r),
});

const along = (name: string, doc: string, kind: 'blocked' | 'normalized'): OpDef => ({
  name, doc, tier: 1, infer: alongDim(name),
  rule: (o, r, a) => byName(o, r, blockedAlong(o[0]!, [attrString(a, 'dim')], kind)),
});

const reduce = (name: string, doc: string, combiner: 'sum' | 'max'): OpDef => ({
  name, doc, tier: 1, infer: inferReduce(name),
  rule: (o, r) => byName(o, r, reducedAway(o, r, combiner)),
});

const DEFS: readonly OpDef[] = [
  { name: 'einsum', doc: 'Contraction over dim names: dims absent from the output are summed.', tier: 1, infer: inferEinsum, rule: einsumRule },
  elementwise('add', 'Elementwise a + b with named broadcasting.'),
  elementwise('sub', 'Elementwise a - b with named broadcasting.'),
  elementwise('mul', 'Elementwise a * b with named broadcasting.'),
  elementwise('div', 'Elementwise a / b with named broadcasting.'),
  elementwise('max', 'Elementwise maximum with named broadcasting.'),
  elementwise('lt', 'Elementwise a < b as an f32 mask (1 or 0).', 'f32'),
  elementwise('gt', 'Elementwise a > b as an f32 mask (1 or 0).', 'f32'),
  unary('relu', 'max(x, 0).'),
  unary('gelu', 'Gaussian error linear unit (tanh approximation).'),
  unary('exp', 'e^x.'),
  unary('log', 'Natural logarithm.'),
  unary('tanh', 'Hyperbolic tangent.'),
  unary('neg', '-x.'),
  { name: 'cast', doc: 'Converts to another dtype.', tier: 0, infer: inferCast, rule: (o, r) => byName(o, r) },
  along('softmax', 'Softmax along `dim` (max-subtracted).', 'normalized'),
  along('log_softmax', 'Log-softmax along `dim`.', 'normalized'),
  {
    name: 'layer_norm', doc: 'Normalises to zero mean and unit variance over `dims` (eps 1e-6, no scale or bias).', tier: 1,
    // Checked like a reduction over `dims`, but the result keeps the operand's type.
    infer: (o, a) => {
      const asReduce = inferReduce('layer_norm')(o, a);
      return asReduce.ok ? needFloat(o[0]!, 'layer_norm') ?? ok(o[0]!) : asReduce;
    },
    rule: (o, r, a) => byName(o, r, blockedAlong(o[0]!, attrStrings(a, 'dims'), 'normalized')),
  },
  reduce('reduce_sum', 'Sum over `dims`.', 'sum'),
  reduce('reduce_mean', 'Mean over `dims`.', 'sum'),
  reduce('reduce_max', 'Maximum over `dims`.', 'max'),
  { name: 'transpose', doc: 'Reorders dims to `order` (by name).', tier: 0, infer: inferTranspose, rule: (o, r) => byName(o, r) },
  { name: 'reshape', doc: 'Merges or splits dims; the element count is kept.', tier: 0, infer: inferReshape, rule: reshapeRule },
  { name: 'rename', doc: 'Renames dim `from` to `to` (same size).', tier: 0, infer: inferRename, rule: renameRule },
  {
    name: 'one_hot', doc: 'i32 indices to an f32 one-hot along a new last dim `dim` of `size`.', tier: 0, infer: inferOneHot,
    rule: (o, r) => byName(o, r),
  },
  along('cumsum', 'Inclusive (or `exclusive`) prefix sum along `dim`.', 'blocked'),
  { name: 'argmax', doc: 'Index of the maximum along `dim` (ties to the lower index), as i32.', tier: 1, infer: inferArgmax,
    rule: (o, r, a) => byName(o, r, blockedAlong(o[0]!, [attrString(a, 'dim')])) },
  { name: 'top_k', doc: 'The k largest along `dim` (values, indices) in a new dim `k_dim`.', tier: 1, infer: inferTopK, rule: topKRule },
  {
    name: 'gather', doc: 'Rows of `table` along `dim` picked by i32 `ids` (embedding lookup).', tier: 1, infer: inferGather,
    rule: (o, r, a) => byName(o, r, new Map([[attrString(a, 'dim'), { name: attrString(a, 'dim'), size: o[0]!.dims.find((d) => d.name === attrString(a, 'dim'))?.size ?? 0, kind: 'reduction', combiner: 'sum' } as Factor]])),
  },
  { name: 'constant', doc: 'A scalar constant `value` of `dtype`.', tier: 0, infer: inferConstant, rule: () => ({ factors: [], operands: [], results: [[]] }) },
];

export const OPS: ReadonlyMap<string, OpDef> = new Map([...DEFS, ...COLLECTIVE_DEFS].map((d) => [d.name, d]));

/** Ops that move data between devices (what `explain` lists and the cost model times). */
export const COMMUNICATING_OPS: ReadonlySet<string> = new Set(['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute']);

export function opDef(kind: string): OpDef | undefined {
  return OPS.get(kind);
}

export { parseEinsumSpec };
