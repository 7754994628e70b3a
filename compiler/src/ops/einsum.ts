// einsum: contraction over dim names. Its cost is the MXU's (or, contracting nothing, a broadcast multiply's).

import type { Attrs, Op } from '../ir/module.js';
import { type Dim, type TensorType, tensorType } from '../ir/types.js';
import { einsum } from '../runtime/index.js';
import type { Named } from '../emit/stablehlo-emit.js';
import type { Lowering } from '../emit/stablehlo-ops.js';
import { dimsOf, einsumSubscripts } from '../emit/jax-expr.js';
import type { FusionClass, GradientRule, OpEntry } from './entry.js';
import { dimNamesOf, expandTo } from './grad-support.js';
import {
  attrStringLists, attrStrings, byName, fail, hasDimNames, list, names, needFloat, ok, reducedAway,
  type InferResult, type ShardingRule,
} from './signature.js';
import { einsumFlopsOf } from './einsum-flops.js';
import { bytesOf, hasF32, MXU_TILE, typesIn, typesOut, type OpWork } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import { namedSize } from './lowering-support.js';
import { at } from '../util/checked.js';

function inferEinsum(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const inputs = attrStringLists(attrs, 'inputs');
  const output = attrStrings(attrs, 'output');
  if (operands.length !== inputs.length) {
    return fail(`einsum subscripts name ${inputs.length} operand(s) but ${operands.length} were given.`);
  }
  if (inputs.length > 2) {
    return fail(`an einsum op takes one or two operands (the source call contracts more pairwise) `
      + `but has ${inputs.length}.`);
  }
  const sizes = new Map<string, number>();
  for (const [i, t] of operands.entries()) {
    const subscripts = at(inputs, i, 'einsum subscripts');
    if (!hasDimNames(t, subscripts)) {
      return fail(`einsum operand ${i + 1} has dims ${list(names(t))} but the subscripts say ${list(subscripts)}.`, i);
    }
    for (const d of t.dims) sizes.set(d.name, d.size);
  }
  const first = at(operands, 0, 'einsum');
  const second = operands[1];
  if (second !== undefined && first.dtype !== second.dtype) {
    return fail(`einsum operands must have one dtype but they are ${first.dtype} and ${second.dtype}.`, 1);
  }
  const notFloat = needFloat(first, 'einsum');
  if (notFloat) return notFloat;
  const dims: Dim[] = [];
  for (const n of output) {
    const size = sizes.get(n);
    if (size === undefined) {
      return fail(`einsum output dim ${n} is not a dim of any operand (${list([...sizes.keys()])}).`);
    }
    if (dims.some((d) => d.name === n)) return fail(`einsum output names dim ${n} twice.`);
    dims.push({ name: n, size });
  }
  return ok(tensorType(first.dtype, dims));
}

function einsumRule(operands: readonly TensorType[], results: readonly TensorType[]): ShardingRule {
  return byName(operands, results, reducedAway(operands, results, 'sum'));
}

/**
 * A two-operand einsum that contracts nothing (`GSE,GSC->GSEC`, top-2 gating's combine weights) is an
 * elementwise product of broadcasts: XLA's AlgebraicSimplifier rewrites a dot without contracting dims
 * as multiply(broadcast, broadcast), so it runs on the vector unit and fuses like any elementwise op,
 * never as a K = 1 matmul on the MXU.
 */
export function isBroadcastProduct(op: Op): boolean {
  if (op.kind !== 'einsum' || op.operands.length !== 2) return false;
  const out = new Set(op.results[0]?.type.dims.map((d) => d.name) ?? []);
  const b = new Set(at(op.operands, 1, 'einsum operands').type.dims.map((d) => d.name));
  return !at(op.operands, 0, 'einsum operands').type.dims.some((d) => b.has(d.name) && !out.has(d.name));
}

/**
 * An einsum's FLOPs from its operand and result types, by the convention of einsum-flops.ts: dims one
 * operand sums on its own are summed first, then 2 per point of a contraction, 1 of a broadcast multiply.
 */
export function einsumFlops(ins: readonly TensorType[], outs: readonly TensorType[]): number {
  const sizes = new Map<string, number>();
  for (const t of [...ins, ...outs]) for (const d of t.dims) sizes.set(d.name, d.size);
  return einsumFlopsOf(ins.map(dimNamesOf), outs[0] ? dimNamesOf(outs[0]) : [], (d) => sizes.get(d) ?? 1);
}

function einsumWork(op: Op, ins: TensorType[], outs: TensorType[], f32: boolean): OpWork {
  const flops = einsumFlops(ins, outs);
  // The dims come from the types; `inputs`/`output` attrs name them, types carry the sizes.
  const out = new Set(outs[0]?.dims.map((d) => d.name) ?? attrStrings(op.attrs, 'output'));
  const a = at(ins, 0, 'einsum operand types');
  const b = at(ins, 1, 'einsum operand types');
  const inB = new Set(b.dims.map((d) => d.name));
  const inA = new Set(a.dims.map((d) => d.name));
  const prod = (t: TensorType, keep: (n: string) => boolean) =>
    t.dims.filter((d) => keep(d.name)).reduce((p, d) => p * d.size, 1);
  const k = prod(a, (n) => inB.has(n) && !out.has(n));
  const freeA = prod(a, (n) => !inB.has(n) && out.has(n));
  const freeB = prod(b, (n) => !inA.has(n) && out.has(n));
  // The MXU holds a K x N tile of one operand and streams the other; K and N are padded to 128.
  const fill = padFill(k) * Math.max(padFill(freeA), padFill(freeB));
  return { cls: 'matmul', flops, bytes: bytesOf(ins) + bytesOf(outs), mxuFill: fill, f32 };
}

function padFill(n: number): number {
  return n / (Math.ceil(n / MXU_TILE) * MXU_TILE);
}

/**
 * Two operands contracting something: the MXU; otherwise a vector op (a transposition, reduction or
 * broadcast multiply).
 */
function einsumOpWork(op: Op): OpWork {
  const ins = typesIn(op);
  const outs = typesOut(op);
  const f32 = hasF32(op);
  if (ins.length === 2 && !isBroadcastProduct(op)) return einsumWork(op, ins, outs, f32);
  // one operand: a transposition or reduction; two with nothing contracted: a broadcast multiply
  return { cls: 'vector', flops: einsumFlops(ins, outs), bytes: bytesOf(ins) + bytesOf(outs), mxuFill: 1, f32 };
}

/**
 * A matmul takes output fusion; a broadcast multiply fuses like any elementwise op; a one-operand
 * einsum does neither.
 */
function einsumFusion(op: Op): FusionClass {
  if (isBroadcastProduct(op)) return 'elementwise';
  return op.operands.length === 2 ? 'matmul' : 'none';
}

function einsumInputs(a: Attrs): string[][] {
  const v = a['inputs'];
  return Array.isArray(v) ? v.map((row) => (Array.isArray(row) ? row.map(String) : [])) : [];
}

/**
 * einsum over dim names as one dot_general: dims only in one operand and not in the output are
 * summed first; dims in both operands are batch dims when the output keeps them, else contracted.
 * dot_general orders its result [batch, lhs free, rhs free]; a transpose gives the output order.
 */
const einsumHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const output = attrStrings(op.attrs, 'output');
  if (args.length === 1) {
    const a = at(args, 0, op.kind);
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
  const size = (d: string): number => namedSize(a.dims.includes(d) ? a : b, d);
  const pos = (x: Named, ds: readonly string[]): string => `[${ds.map((d) => x.dims.indexOf(d)).join(', ')}]`;
  // The printer leaves out empty lists; so do we.
  const fields: string[] = [];
  if (batch.length > 0) {
    fields.push(`lhs_batching_dimensions = ${pos(a, batch)}`, `rhs_batching_dimensions = ${pos(b, batch)}`);
  }
  if (contract.length > 0) {
    fields.push(`lhs_contracting_dimensions = ${pos(a, contract)}`, `rhs_contracting_dimensions = ${pos(b, contract)}`);
  }
  const precision = cx.precision === 'highest' && a.ssa.type.elem === 'f32' ? 'HIGHEST' : 'DEFAULT';
  const ssa = e.b.one({
    op: 'stablehlo.dot_general', operands: [a.ssa, b.ssa], result: { shape: dims.map(size), elem: a.ssa.type.elem },
    props: [
      `dot_dimension_numbers = #stablehlo.dot<${fields.join(', ')}>`,
      `precision_config = [#stablehlo<precision ${precision}>, #stablehlo<precision ${precision}>]`,
    ],
  });
  return [e.transpose({ ssa, dims }, output)];
};

/**
 * The VJP of an einsum is einsums: operand i's cotangent contracts the result's cotangent with the
 * other operand over every dim operand i lacks. Dims only operand i has and the output drops (summed
 * away on their own) are absent from both, so the contraction is broadcast along them.
 */
const einsumGradient: GradientRule = (b, op, [ct]) => {
  if (!ct) return op.operands.map(() => undefined);
  return op.operands.map((x, i) => {
    if (!b.wants(i)) return undefined;
    const others = op.operands.filter((_, j) => j !== i);
    const have = new Set([ct, ...others].flatMap((v) => dimNamesOf(v.type)));
    const out = dimNamesOf(x.type).filter((d) => have.has(d));
    const inputs = [dimNamesOf(ct.type), ...others.map((v) => dimNamesOf(v.type))];
    const g = b.op('einsum', [ct, ...others], { inputs, output: out }, i === 0 ? 'lhs' : 'rhs');
    return expandTo(b, g, x.type);
  });
};

export const EINSUM_OPS = {
  einsum: {
    name: 'einsum', doc: 'Contraction over dim names: dims absent from the output are summed.',
    family: 'einsum', tier: 1,
    infer: inferEinsum,
    rule: einsumRule,
    work: einsumOpWork,
    fusion: einsumFusion,
    kernel: (op, args) => [einsum({ inputs: einsumInputs(op.attrs), output: attrStrings(op.attrs, 'output') }, args)],
    collective: null,
    stablehlo: einsumHlo,
    jax: (op, arg) => {
      const inputs = op.operands.map(dimsOf);
      const subscripts = JSON.stringify(einsumSubscripts(inputs, attrStrings(op.attrs, 'output')));
      return `jnp.einsum(${subscripts}, ${op.operands.map((_, i) => arg(i)).join(', ')})`;
    },
    splitNormalization: null,
    training: { saves: 'operands', product: 'product', differentiable: 'all' },
    gradient: einsumGradient,
    surface: { form: 'custom' },
    partition: PLAIN_PARTITION,
    role: { ...PLAIN_ROLE, contraction: true },
  } satisfies OpEntry & { name: 'einsum' },
} as const;
