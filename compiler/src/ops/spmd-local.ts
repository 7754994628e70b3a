// The partitioner's local ops: reshard (a global-view constraint) and the per-device helpers
// dynamic_slice, slice, pad and mask. They exist only around partitioning; export rejects them.

import type { Op } from '../ir/module.js';
import { axisOf, makeArray, mask, pad, sizeAlong, sliceAlong, splitAround, type NDArray } from '../runtime/index.js';
import type { DeviceContext, GradientRule, NotDifferentiable, OpEntry, TrainingFacts } from './entry.js';
import { notDifferentiable } from './grad-support.js';
import { attrNumber, attrString, attrStrings } from './signature.js';
import { identityRule, resized, same } from './spmd-signature.js';
import { copyWork, vectorWork, type WorkFn } from './work.js';
import { PLAIN_PARTITION, PLAIN_ROLE, type PartitionFacts } from './pass-facts.js';
import { localizeDynamicSlice } from './localize-facts.js';
import { needContext } from './device-context.js';
import { at } from '../util/checked.js';

const NOT_EXPORTED = { notExported: 'a per-device op: export takes the global program' };
const plain: TrainingFacts = { saves: 'none', product: 'none', differentiable: 'all' };

/**
 * The device's chunk of `dim` over `axes`: global positions [i*size, (i+1)*size), i = its index
 * along `axes`, zero past `global_size`. The operand may already be a tile of the dim (split on
 * the leading axes), so the chunk is located relative to the operand's own offset; a chunk that
 * needs data the device does not hold is a partitioner bug and is reported as one.
 */
function dynamicSliceLocal(op: Op, x: NDArray, ctx: DeviceContext): NDArray {
  const dim = attrString(op.attrs, 'dim');
  const size = attrNumber(op.attrs, 'size');
  const globalSize = attrNumber(op.attrs, 'global_size');
  const globalStart = ctx.tileIndexAlong(attrStrings(op.attrs, 'axes')) * size;
  const held = ctx.operandOffset(op, 0, dim);
  const n = sizeAlong(x, dim);
  const want0 = Math.min(globalStart, globalSize);
  const want1 = Math.min(globalStart + size, globalSize);
  if (want1 > want0 && (want0 < held || want1 > held + n)) {
    throw new Error(`dynamic_slice of ${dim} on device ${ctx.deviceId}: needs global [${want0}, ${want1}) `
      + `but the operand holds [${held}, ${held + n}) (partitioner bug)`);
  }
  const out = sliceAlong(x, dim, globalStart - held, size);
  // positions past the real size come out zero even when the operand's padding held garbage
  return zeroPast(out, dim, globalSize - globalStart);
}

function zeroPast(a: NDArray, dim: string, valid: number): NDArray {
  const { outer, size, inner } = splitAround(a.shape, axisOf(a, dim));
  const from = Math.max(0, Math.min(size, valid));
  if (from < size) for (let o = 0; o < outer; o++) a.data.fill(0, (o * size + from) * inner, (o + 1) * size * inner);
  return a;
}

/** The operand's size along the op's `dim` (what a slice or pad gives back in its transpose). */
const localSize = (op: Op): number =>
  op.operands[0]?.type.dims.find((d) => d.name === attrString(op.attrs, 'dim'))?.size ?? 0;

function localEntry<K extends string>(
  name: K, doc: string, infer: OpEntry['infer'], kernel: OpEntry['kernel'],
  gradient: GradientRule | NotDifferentiable,
  extra: { work?: WorkFn; elementwise?: boolean; training?: TrainingFacts; partition?: Partial<PartitionFacts> } = {},
): OpEntry & { name: K } {
  return {
    name, doc, family: 'spmd-local', tier: 1, infer, rule: identityRule,
    work: extra.work ?? vectorWork(1),
    fusion: () => (extra.elementwise ? 'elementwise' : 'none'),
    kernel,
    collective: null,
    stablehlo: NOT_EXPORTED,
    jax: NOT_EXPORTED,
    splitNormalization: null,
    training: extra.training ?? plain,
    gradient,
    surface: { form: 'none' },
    partition: { ...PLAIN_PARTITION, ...extra.partition },
    role: PLAIN_ROLE,
  };
}

export const SPMD_LOCAL_OPS = {
  reshard: localEntry('reshard', 'Global view: the operand must take sharding `to`; becomes collectives later.',
    same('reshard'),
    // global view only: a sharding constraint, no data change
    (op, args) => { const x = at(args, 0, op.kind); return [makeArray(x.dtype, x.dims, x.shape, x.data)]; },
    // a constraint on the layout: the cotangent passes through (propagation gives it its own layout)
    (_b, _op, [ct]) => [ct],
    { partition: { isReshard: true } }),
  dynamic_slice: localEntry('dynamic_slice',
    'Local: this device\'s tile of dim `dim` split over `axes` (local size `size`), zero-padded past the end.',
    resized('dynamic_slice', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') })),
    (op, args, ctx) => [dynamicSliceLocal(op, at(args, 0, op.kind), needContext(op.kind, ctx))],
    notDifferentiable('a per-device op made by the partitioner; autodiff runs on the global program before it'),
    // reads only the slice it keeps
    {
      work: copyWork(), training: { saves: 'none', product: 'none', differentiable: 'all' },
      partition: { localize: localizeDynamicSlice },
    }),
  slice: localEntry('slice', 'Local: the first `size` elements of dim `dim` (drops padding after an all_gather).',
    resized('slice', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') })),
    (op, args) => [sliceAlong(at(args, 0, op.kind), attrString(op.attrs, 'dim'), 0, attrNumber(op.attrs, 'size'))],
    (b, op, [ct]) => [ct && b.op('pad', [ct], { dim: attrString(op.attrs, 'dim'), size: localSize(op) }, 'unslice')]),
  pad: localEntry('pad', 'Local: pads dim `dim` to `size` with zeros (so it divides evenly before a collective).',
    resized('pad', (a) => ({ [attrString(a, 'dim')]: attrNumber(a, 'size') })),
    (op, args) => [pad(at(args, 0, op.kind), attrString(op.attrs, 'dim'), attrNumber(op.attrs, 'size'), 0)],
    (b, op, [ct]) => [ct && b.op('slice', [ct], { dim: attrString(op.attrs, 'dim'), size: localSize(op) }, 'unpad')]),
  mask: localEntry('mask',
    'Local: sets positions of dim `dim` at or past the real size `valid` (split over `axes`) to `fill`.',
    same('mask'),
    (op, args, ctx) => {
      const x = at(args, 0, op.kind);
      const c = needContext(op.kind, ctx);
      const dim = attrString(op.attrs, 'dim');
      const local = sizeAlong(x, dim);
      const start = c.tileIndexAlong(attrStrings(op.attrs, 'axes')) * local;
      const fill = op.attrs['fill'] === '-inf' ? -Infinity : Number(op.attrs['fill'] ?? 0);
      return [mask(x, dim, attrNumber(op.attrs, 'valid') - start, fill)];
    },
    // masked positions took a constant: their cotangent is 0
    (b, op, [ct]) => [ct && b.op('mask', [ct], { ...op.attrs, fill: 0 }, 'dx')],
    { elementwise: true, training: { saves: 'operands', product: 'none', differentiable: 'all' } }),
} as const;
