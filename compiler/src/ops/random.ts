// dropout(x, rate, key): a counter-based hash of the key and each element's global coordinates
// decides what is dropped, so the simulated mesh, one device and the exported programs agree.

import { operandAt } from './grad-support.js';
import type { Attrs, Op } from '../ir/module.js';
import type { TensorType } from '../ir/types.js';
import { dropout } from '../runtime/index.js';
import type { SSA } from '../emit/mlir-builder.js';
import type { StableHloEmitter } from '../emit/stablehlo-emit.js';
import type { Lowering } from '../emit/stablehlo-ops.js';
import { pyNumber, type JaxHelper } from '../emit/jax-expr.js';
import { PLAIN_PARTITION, PLAIN_ROLE } from './pass-facts.js';
import type { OpEntry } from './entry.js';
import { arity, attrNumber, fail, needFloat, ok, type InferResult } from './signature.js';
import { vectorWork } from './work.js';
import { at } from '../util/checked.js';

function inferDropout(operands: readonly TensorType[], attrs: Attrs): InferResult {
  const bad = arity(operands, 2, 'dropout') ?? needFloat(at(operands, 0, 'dropout'), 'dropout');
  if (bad) return bad;
  const [x, key] = [at(operands, 0, 'dropout'), at(operands, 1, 'dropout')];
  if (key.dtype !== 'i32' || key.dims.length !== 0) {
    const got = `${key.dtype}[${key.dims.map((d) => d.name).join(', ')}]`;
    return fail(`dropout needs an i32[] key (a scalar input, the seed) but it is ${got}.`, 1);
  }
  const rate = attrNumber(attrs, 'rate');
  if (!(rate >= 0 && rate < 1)) return fail(`dropout needs a rate in [0, 1) but was given ${rate}.`);
  return ok(x);
}

/** Dims in name order with their axis: the hash folds coordinates in this order. */
const sortedAxes = (dims: readonly string[]) =>
  dims.map((d, i) => [d, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, i]) => i);

function fmixHlo(e: StableHloEmitter, h: SSA): SSA {
  const c = (v: number) => e.splat(v | 0, h.type);
  const xorShift = (x: SSA, s: number) =>
    e.binary('stablehlo.xor', x, e.binary('stablehlo.shift_right_logical', x, c(s)));
  let x = xorShift(h, 16);
  x = e.binary('stablehlo.multiply', x, c(0x85ebca6b));
  x = xorShift(x, 13);
  x = e.binary('stablehlo.multiply', x, c(0xc2b2ae35));
  return xorShift(x, 16);
}

const dropoutHlo: Lowering = (cx, op, args) => {
  const { e } = cx;
  const [x, key] = [at(args, 0, op.kind), at(args, 1, op.kind)];
  const shape = x.ssa.type.shape;
  const iType = { shape, elem: 'i32' as const };
  let h = fmixHlo(e, e.broadcastInDim(key.ssa, [], shape));
  for (const k of sortedAxes(x.dims)) h = fmixHlo(e, e.binary('stablehlo.xor', h, e.iota(iType, k)));
  const top = e.binary('stablehlo.shift_right_logical', h, e.splat(8, iType));
  const u = e.binary('stablehlo.multiply', e.convert(top, 'f32'), e.splat(2 ** -24, { shape, elem: 'f32' }));
  const rate = attrNumber(op.attrs, 'rate');
  const keep = e.compare('GE', u, e.splat(rate, { shape, elem: 'f32' }));
  const scaled = e.binary('stablehlo.multiply', x.ssa, e.splat(Math.fround(1 / (1 - rate)), x.ssa.type));
  return [{ ssa: e.select(keep, scaled, e.splat(0, x.ssa.type)), dims: x.dims }];
};

// test/export/golden/*.py hold this source to the letter: they are what export must write.
const DROPOUT_PY: JaxHelper = {
  name: 'dropout', order: 3,
  source: `def dropout(x, rate, key, order):
    """gshard's dropout: murmur3's finalizer folded over the key and each element's coordinates (dims in name order)."""
    def fmix(h):
        h = h ^ (h >> 16)
        h = h * jnp.uint32(0x85EBCA6B)
        h = h ^ (h >> 13)
        h = h * jnp.uint32(0xC2B2AE35)
        return h ^ (h >> 16)
    h = fmix(jnp.broadcast_to(jnp.asarray(key).astype(jnp.uint32), x.shape))
    for axis in order:
        h = fmix(h ^ jax.lax.broadcasted_iota(jnp.uint32, x.shape, axis))
    u = (h >> 8).astype(jnp.float32) * jnp.float32(2.0 ** -24)
    return jnp.where(u >= jnp.float32(rate), x * jnp.asarray(1.0 / (1.0 - rate), x.dtype), jnp.zeros((), x.dtype))`,
};

export const RANDOM_OPS = {
  dropout: {
    name: 'dropout', doc: 'x / (1 - rate) where a hash of the key and the element\'s coordinates is >= rate, else 0.',
    family: 'random', tier: 0,
    infer: inferDropout,
    rule: (operands, results) => {
      const x = at(operands, 0, 'dropout operands');
      return {
        factors: x.dims.map((d) => ({ name: d.name, size: d.size, kind: 'pass' as const })),
        operands: [x.dims.map((d) => [d.name]), []],
        results: results.map((t) => t.dims.map((d) => [d.name])),
      };
    },
    work: vectorWork(12),
    fusion: () => 'elementwise',
    kernel: (op: Op, args, ctx) => {
      const x = at(args, 0, op.kind);
      const offsets: Record<string, number> = {};
      if (ctx) for (const d of x.dims) offsets[d] = ctx.operandOffset(op, 0, d);
      const seed = at(at(args, 1, op.kind).data, 0, 'dropout key');
      return [dropout(x, attrNumber(op.attrs, 'rate'), seed, offsets)];
    },
    collective: null,
    stablehlo: dropoutHlo,
    jax: (op, arg, helpers) => {
      helpers.set(DROPOUT_PY.name, DROPOUT_PY);
      const order = sortedAxes(operandAt(op, 0).type.dims.map((d) => d.name));
      const axes = `(${order.join(', ')}${order.length === 1 ? ',' : ''})`;
      return `dropout(${arg(0)}, ${pyNumber(attrNumber(op.attrs, 'rate'), 'f32')}, ${arg(1)}, ${axes})`;
    },
    splitNormalization: null,
    training: { saves: 'operands', product: 'none', differentiable: 'all' },
    // the same key drops the same elements and scales the rest alike: the VJP is dropout of the
    // cotangent; the key takes none
    gradient: (b, op, [ct]) => [ct && b.op('dropout', [ct, operandAt(op, 1)], op.attrs, 'dx'), undefined],
    partition: PLAIN_PARTITION,
    role: PLAIN_ROLE,
    surface: { form: 'custom' },
  } satisfies OpEntry & { name: 'dropout' },
} as const;
