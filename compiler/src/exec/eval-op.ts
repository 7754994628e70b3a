// Owns the meaning of every non-collective op on NDArrays: one switch shared by the reference interpreter and each simulated device.
import type { Attrs, Op } from '../ir/module.js';
import { attrNumber, attrString, attrStrings } from '../ir/ops.js';
import type { DType, TensorType } from '../ir/types.js';
import {
  argmax, binary, cast, cumsum, einsum, gather, layerNorm, logSoftmax, makeArray, mask, oneHot, pad, reduce, rename,
  reshape, scalar, sliceAlong, softmax, topK, transpose, unary, axisOf, splitAround, type BinaryOp, type NDArray, type UnaryOp,
} from '../runtime/index.js';

/**
 * Where a local op runs: the device's tile index along some mesh axes (major -> minor mixed
 * radix, as `tileIndex` in sharding.ts) and the offset of the tile an operand holds. Absent for
 * the global reference run, where the local-only ops (dynamic_slice, mask, sharded one_hot/gather)
 * are a program error.
 */
export interface DeviceContext {
  readonly deviceId: number;
  tileIndexAlong(axes: readonly string[]): number;
  /** Global index of element 0 of `dim` in the buffer of operand `operand` of `op` (its sharding). */
  operandOffset(op: Op, operand: number, dim: string): number;
}

const BINARY = new Set<string>(['add', 'sub', 'mul', 'div', 'max', 'lt', 'gt']);
const UNARY = new Set<string>(['relu', 'gelu', 'exp', 'log', 'tanh', 'neg']);

/** The op kinds that move data between devices: the mesh simulator runs them, never evalOp. */
export const COLLECTIVE_KINDS: ReadonlySet<string> = new Set(['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute']);

function needContext(op: Op, ctx: DeviceContext | undefined): DeviceContext {
  if (!ctx) throw new Error(`${op.kind} is a local (per-device) op and cannot run in the global reference program`);
  return ctx;
}

/** Runs one op on its operands; `ctx` places a local op on its device. Never mutates the operands. */
export function evalOp(op: Op, args: readonly NDArray[], ctx?: DeviceContext): NDArray[] {
  const a = op.attrs;
  const x = args[0]!;
  if (BINARY.has(op.kind)) {
    const r = binary(op.kind as BinaryOp, x, args[1]!);
    // the IR's lt/gt give an f32 mask (GShard multiplies by it); the kernel gives bool
    return [op.kind === 'lt' || op.kind === 'gt' ? cast(r, 'f32') : r];
  }
  if (UNARY.has(op.kind)) return [unary(op.kind as UnaryOp, x)];
  switch (op.kind) {
    case 'einsum':
      return [einsum({ inputs: einsumInputs(a), output: attrStrings(a, 'output') }, args)];
    case 'cast':
      return [cast(x, attrString(a, 'to') as DType)];
    case 'softmax':
      return [softmax(x, attrString(a, 'dim'))];
    case 'log_softmax':
      return [logSoftmax(x, attrString(a, 'dim'))];
    case 'layer_norm':
      return [layerNorm(x, attrStrings(a, 'dims'), 1e-6)];
    case 'reduce_sum':
      return [reduce(x, 'sum', attrStrings(a, 'dims'))];
    case 'reduce_mean':
      return [reduce(x, 'mean', attrStrings(a, 'dims'))];
    case 'reduce_max':
      return [reduce(x, 'max', attrStrings(a, 'dims'))];
    case 'transpose':
      return [transpose(x, attrStrings(a, 'order'))];
    case 'reshape':
      return [reshape(x, attrStrings(a, 'dims'), numbers(a, 'sizes'))];
    case 'rename':
      return [rename(x, attrString(a, 'from'), attrString(a, 'to'))];
    case 'cumsum':
      return [cumsum(x, attrString(a, 'dim'), a['exclusive'] === true)];
    case 'argmax':
      return [argmax(x, attrString(a, 'dim'))];
    case 'top_k': {
      const { values, indices } = topK(x, attrString(a, 'dim'), attrNumber(a, 'k'), attrString(a, 'k_dim'));
      return [values, indices];
    }
    case 'constant':
      return [scalar(attrNumber(a, 'value'), (attrString(a, 'dtype') || 'f32') as DType)];
    case 'reshard':
      // global view only: a sharding constraint, no data change
      return [makeArray(x.dtype, x.dims, x.shape, x.data)];
    case 'one_hot': {
      const size = attrNumber(a, 'size');
      const offsetAxes = attrStrings(a, 'offset_axes');
      const offset = offsetAxes.length ? needContext(op, ctx).tileIndexAlong(offsetAxes) * size : 0;
      return [oneHot(x, attrString(a, 'dim'), size, offset, 'f32')];
    }
    case 'gather': {
      const dim = attrString(a, 'dim');
      const offsetAxes = attrStrings(a, 'offset_axes');
      if (!offsetAxes.length) return [gather(x, args[1]!, dim)];
      const local = x.shape[axisOf(x, dim)]!;
      return [gather(x, args[1]!, dim, { offset: needContext(op, ctx).tileIndexAlong(offsetAxes) * local })];
    }
    case 'slice':
      return [sliceAlong(x, attrString(a, 'dim'), 0, attrNumber(a, 'size'))];
    case 'pad':
      return [pad(x, attrString(a, 'dim'), attrNumber(a, 'size'), 0)];
    case 'mask': {
      const c = needContext(op, ctx);
      const dim = attrString(a, 'dim');
      const local = x.shape[axisOf(x, dim)]!;
      const start = c.tileIndexAlong(attrStrings(a, 'axes')) * local;
      const fill = a['fill'] === '-inf' ? -Infinity : Number(a['fill'] ?? 0);
      return [mask(x, dim, attrNumber(a, 'valid') - start, fill)];
    }
    case 'dynamic_slice':
      return [dynamicSliceLocal(op, x, needContext(op, ctx))];
    default:
      if (COLLECTIVE_KINDS.has(op.kind)) throw new Error(`${op.kind} is a collective: the mesh simulator runs it, not evalOp`);
      throw new Error(`no kernel for op '${op.kind}'`);
  }
}

function einsumInputs(a: Attrs): string[][] {
  const v = a['inputs'];
  return Array.isArray(v) ? v.map((row) => (Array.isArray(row) ? row.map(String) : [])) : [];
}

function numbers(a: Attrs, key: string): number[] {
  const v = a[key];
  return Array.isArray(v) ? v.map(Number) : [];
}

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
  const n = x.shape[axisOf(x, dim)]!;
  const want0 = Math.min(globalStart, globalSize);
  const want1 = Math.min(globalStart + size, globalSize);
  if (want1 > want0 && (want0 < held || want1 > held + n)) {
    throw new Error(`dynamic_slice of ${dim} on device ${ctx.deviceId}: needs global [${want0}, ${want1}) but the operand holds [${held}, ${held + n}) (partitioner bug)`);
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

/** Throws when an op's result does not have the type the IR says (names, sizes, dtype): a kernel or partitioner bug. */
export function checkResult(op: Op, index: number, r: NDArray, t: TensorType): void {
  const want = t.dims.map((d) => `${d.name}=${d.size}`).join(',');
  const got = r.dims.map((d, i) => `${d}=${r.shape[i]}`).join(',');
  const dtypeOk = r.dtype === t.dtype || (t.dtype === 'bool' && r.dtype === 'bool');
  if (want !== got || !dtypeOk) {
    throw new Error(`${op.kind} result ${index} is ${r.dtype}[${got}] but the IR says ${t.dtype}[${want}]`);
  }
}
