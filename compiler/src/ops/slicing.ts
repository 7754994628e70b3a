// slice_along (source `slice(x, D, start, size)`) and concat (source `concat([a, b], D)`): a window
// of a named dim and the joining of tensors along one. The dim keeps its name with the new size;
// it is gathered whole (a blocked factor), so the window is taken on every device alike.

import type { Attrs } from '../ir/module.js';
import { type TensorType, tensorType } from '../ir/types.js';
import { concatAlong, sliceAlong, transpose } from '../runtime/index.js';
import { i64Array } from '../emit/mlir-builder.js';
import { resultOf, type Lowering } from '../emit/stablehlo-ops.js';
import { axisOf, alignPy, dimsOf } from '../emit/jax-expr.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import type { GradientRule, OpEntry } from './entry.js';
import { expandTo, zerosOf, operandAt } from './grad-support.js';
import {
  arity, attrNumber, attrString, dimSize, fail, list, names, needDim, ok, ruleAlong, type InferResult,
} from './signature.js';
import { copyWork } from './work.js';
import { at } from '../util/checked.js';

function inferSlice(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 1, 'slice');
  if (bad) return bad;
  const t = at(operands, 0, 'slice');
  const dim = attrString(attrs, 'dim');
  const missing = needDim(t, dim, 'slice');
  if (missing) return missing;
  const n = dimSize(t, dim);
  const [start, size] = [attrNumber(attrs, 'start'), attrNumber(attrs, 'size')];
  if (!Number.isInteger(start) || !Number.isInteger(size) || start < 0 || size < 1 || start + size > n) {
    return fail(`slice of ${dim} (size ${n}) needs whole numbers with 0 <= start and start + size <= ${n}, size >= 1, `
      + `but has start ${start} and size ${size}.`);
  }
  return ok(tensorType(t.dtype, t.dims.map((d) => (d.name === dim ? { name: dim, size } : d))));
}

function inferConcat(operands: readonly TensorType[], attrs: Attrs): InferResult {
  if (operands.length < 2) return fail(`concat joins two or more tensors but was given ${operands.length}.`);
  const dim = attrString(attrs, 'dim');
  const first = at(operands, 0, 'concat');
  let total = 0;
  for (const [i, t] of operands.entries()) {
    const missing = needDim(t, dim, 'concat', i);
    if (missing) return missing;
    if (t.dtype !== first.dtype) {
      return fail(`concat needs one dtype but operand ${i + 1} is ${t.dtype}, not ${first.dtype}.`, i);
    }
    const same = t.dims.length === first.dims.length && first.dims.every((d) => d.name === dim
      || t.dims.some((e) => e.name === d.name && e.size === d.size));
    if (!same) {
      return fail(`concat operands must have the same dims apart from ${dim}, `
        + `but they are ${list(names(first))} and ${list(names(t))}.`, i);
    }
    total += dimSize(t, dim);
  }
  return ok(tensorType(first.dtype, first.dims.map((d) => (d.name === dim ? { name: dim, size: total } : d))));
}

const sliceHlo: Lowering = (cx, op, args) => {
  const x = at(args, 0, op.kind);
  const k = x.dims.indexOf(attrString(op.attrs, 'dim'));
  const start = attrNumber(op.attrs, 'start');
  const shape = x.ssa.type.shape;
  const lo = shape.map((_, i) => (i === k ? start : 0));
  const hi = shape.map((s, i) => (i === k ? start + attrNumber(op.attrs, 'size') : s));
  const ssa = cx.e.b.one({
    op: 'stablehlo.slice', operands: [x.ssa], result: resultOf(op).type,
    props: [
      `start_indices = ${i64Array(lo)}`, `limit_indices = ${i64Array(hi)}`, `strides = ${i64Array(shape.map(() => 1))}`,
    ],
  });
  return [{ ssa, dims: x.dims }];
};

const concatHlo: Lowering = (cx, op, args) => {
  const { dims, type } = resultOf(op);
  const parts = args.map((a) => cx.e.transpose(a, dims).ssa);
  const axis = dims.indexOf(attrString(op.attrs, 'dim'));
  const ssa = cx.e.b.one({
    op: 'stablehlo.concatenate', operands: parts, result: type, props: [`dimension = ${axis} : i64`],
  });
  return [{ ssa, dims }];
};

const withSize = (t: TensorType, dim: string, size: number): TensorType =>
  tensorType(t.dtype, t.dims.map((d) => (d.name === dim ? { name: dim, size } : d)));

/** The window's cotangent put back in place, zeros on either side. */
const sliceGradient: GradientRule = (b, op, [ct]) => {
  const x = operandAt(op, 0);
  if (!ct) return [undefined];
  const dim = attrString(op.attrs, 'dim');
  const [start, size] = [attrNumber(op.attrs, 'start'), attrNumber(op.attrs, 'size')];
  const n = x.type.dims.find((d) => d.name === dim)?.size ?? 0;
  const parts = [
    ...(start > 0 ? [zerosOf(b, withSize(x.type, dim, start))] : []), ct,
    ...(start + size < n ? [zerosOf(b, withSize(x.type, dim, n - start - size))] : []),
  ];
  return [parts.length === 1 ? ct : b.op('concat', parts, { dim }, 'unslice')];
};

/** Each operand's cotangent is its window of the result's cotangent. */
const concatGradient: GradientRule = (b, op, [ct]) => {
  if (!ct) return op.operands.map(() => undefined);
  const dim = attrString(op.attrs, 'dim');
  let start = 0;
  return op.operands.map((x, i) => {
    const size = x.type.dims.find((d) => d.name === dim)?.size ?? 0;
    const at = start;
    start += size;
    if (!b.wants(i)) return undefined;
    return expandTo(b, b.op('slice_along', [ct], { dim, start: at, size }, `part${i}`), x.type);
  });
};

// One entry per op with each of its facts written out (one place per op): the fields repeat, not logic.
export const SLICING_OPS = {
  slice_along: {
    name: 'slice_along',
    doc: 'Entries start .. start + size - 1 along dim `dim` (the dim keeps its name, with the new size).',
    family: 'slicing', tier: 1,
    infer: inferSlice,
    rule: ruleAlong('blocked'),
    work: copyWork(),
    fusion: () => 'none',
    kernel: (op, args) => {
      const [start, size] = [attrNumber(op.attrs, 'start'), attrNumber(op.attrs, 'size')];
      return [sliceAlong(at(args, 0, op.kind), attrString(op.attrs, 'dim'), start, size)];
    },
    collective: null,
    stablehlo: sliceHlo,
    jax: (op, arg) => {
      const start = attrNumber(op.attrs, 'start');
      const axis = axisOf(operandAt(op, 0), attrString(op.attrs, 'dim'));
      return `jax.lax.slice_in_dim(${arg(0)}, ${start}, ${start + attrNumber(op.attrs, 'size')}, axis=${axis})`;
    },
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'all' },
    gradient: sliceGradient,
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
    surface: { form: 'custom' },
  } satisfies OpEntry & { name: 'slice_along' },
  concat: {
    name: 'concat', doc: 'The operands joined along dim `dim` (other dims equal; each in the first operand\'s order).',
    family: 'slicing', tier: 1,
    infer: inferConcat,
    rule: ruleAlong('blocked', 'dim', 'result'),
    work: copyWork(),
    fusion: () => 'none',
    kernel: (op, args) => {
      const order = at(args, 0, op.kind).dims;
      return [concatAlong(args.map((x) => transpose(x, [...order])), attrString(op.attrs, 'dim'))];
    },
    collective: null,
    stablehlo: concatHlo,
    jax: (op, arg) => {
      const r = dimsOf(at(op.results, 0, op.kind));
      const parts = op.operands.map((v, i) => alignPy(arg(i), dimsOf(v), r));
      return `jnp.concatenate([${parts.join(', ')}], axis=${r.indexOf(attrString(op.attrs, 'dim'))})`;
    },
    splitNormalization: null,
    training: { saves: 'none', product: 'none', differentiable: 'all' },
    gradient: concatGradient,
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
    surface: { form: 'custom' },
  } satisfies OpEntry & { name: 'concat' },
} as const;
