// Owns the simulated mesh's collectives: each maps one replica group's buffers (index = position in group) to new ones.
import { at } from '../util/checked.js';
import { scratchF64 } from './kernels/scratch.js';
import {
  allocData, axisOf, concatAlong, copyBlock, copyData, makeArray, roundArrayToBf16, sliceAlong, zeros, describe,
  type NDArray,
} from './ndarray.js';

export type CollectiveReduceOp = 'sum' | 'max';

function checkGroup(bufs: readonly NDArray[], op: string): NDArray {
  const [first] = bufs;
  if (!first) throw new Error(`${op} over an empty group`);
  for (const b of bufs) {
    if (b.dtype !== first.dtype || b.dims.join() !== first.dims.join() || b.shape.join() !== first.shape.join()) {
      throw new Error(`${op}: group members differ: ${describe(first)} vs ${describe(b)}`);
    }
  }
  return first;
}

/**
 * `wanted`: the positions in the group whose results the caller needs (a mesh worker needs only its
 * own devices'; all when absent). The others get a placeholder (their own operand) that must not be
 * read, so a worker does not build, copy or check results another worker computes. A parameter, not
 * state: two runs wanting different devices may interleave in one thread.
 */
export type Wanted = ReadonlySet<number> | undefined;

const wants = (wanted: Wanted, i: number): boolean => wanted === undefined || wanted.has(i);

/** The group sum (or max) in f64, in group order, rounded once. */
function reduceGroup(bufs: readonly NDArray[], first: NDArray, op: CollectiveReduceOp): NDArray['data'] {
  const n = first.data.length;
  const acc = scratchF64(0, n);
  if (op === 'max') acc.fill(-Infinity);
  for (const b of bufs) {
    const d = b.data;
    // checkGroup gave every member first's shape, so i < n = acc.length = d.length in these loops
    if (op === 'sum') for (let i = 0; i < n; i++) acc[i]! += d[i]!;
    else {
      for (let i = 0; i < n; i++) {
        const v = d[i]!; // i < n, as above
        if (v > acc[i]! || v !== v) acc[i] = v; // i < n, as above
      }
    }
  }
  const data = allocData(first.dtype, n, true);
  data.set(acc);
  if (first.dtype === 'bf16') roundArrayToBf16(data as Float32Array);
  return data;
}

/**
 * Every member gets the elementwise sum (or max) of all members. Sums accumulate in f64 in group
 * order and round once, so the result does not depend on where a member sits. Each member gets
 * its own copy, as real devices would.
 */
export function allReduce(bufs: readonly NDArray[], op: CollectiveReduceOp, wanted?: Wanted): NDArray[] {
  const first = checkGroup(bufs, 'allReduce');
  if (first.dtype === 'bool' && op === 'sum') throw new Error('allReduce sum on bool');
  if (!bufs.some((_, i) => wants(wanted, i))) return [...bufs];
  const data = reduceGroup(bufs, first, op);
  let given = false;
  return bufs.map((b, i) => {
    if (!wants(wanted, i)) return b;
    const mine = given ? copyData(data) : data;
    given = true;
    return makeArray(first.dtype, first.dims, first.shape, mine);
  });
}

/**
 * Every member gets all members concatenated along `dim` in group order. Shards must have equal
 * sizes; padded shards stay padded (trimming to the true size is a separate slice).
 */
export function allGather(bufs: readonly NDArray[], dim: string, wanted?: Wanted): NDArray[] {
  const first = checkGroup(bufs, 'allGather');
  axisOf(first, dim);
  if (!bufs.some((_, i) => wants(wanted, i))) return [...bufs];
  const whole = concatAlong(bufs, dim);
  let given = false;
  return bufs.map((b, i) => {
    if (!wants(wanted, i)) return b;
    const mine = given ? copyData(whole.data) : whole.data;
    given = true;
    return makeArray(whole.dtype, whole.dims, whole.shape, mine);
  });
}

/** The sum over the group, split along `dim` into k equal chunks: member i keeps chunk i. */
export function reduceScatter(
  bufs: readonly NDArray[], dim: string, op: CollectiveReduceOp = 'sum', wanted?: Wanted,
): NDArray[] {
  const first = checkGroup(bufs, 'reduceScatter');
  const k = bufs.length;
  const size = at(first.shape, axisOf(first, dim), 'shape');
  if (size % k !== 0) throw new Error(`reduceScatter: dim '${dim}' ${indivisible(size, k)}`);
  if (first.dtype === 'bool' && op === 'sum') throw new Error('allReduce sum on bool');
  if (!bufs.some((_, i) => wants(wanted, i))) return [...bufs];
  const total = makeArray(first.dtype, first.dims, first.shape, reduceGroup(bufs, first, op));
  const chunk = size / k;
  return bufs.map((b, i) => (wants(wanted, i) ? sliceAlong(total, dim, i * chunk, chunk) : b));
}

/** The end of the message for a dim of `size` that a group of `k` cannot split evenly. */
function indivisible(size: number, k: number): string {
  return `of size ${size} does not divide by the group size ${k}; pad it to ${Math.ceil(size / k) * k} first`;
}

/**
 * Each member splits its buffer along `splitDim` into k equal chunks and sends chunk j to member
 * j; member j concatenates what it receives along `concatDim` in source order. So `splitDim`
 * shrinks k-fold and `concatDim` grows k-fold.
 */
export function allToAll(bufs: readonly NDArray[], splitDim: string, concatDim: string, wanted?: Wanted): NDArray[] {
  const first = checkGroup(bufs, 'allToAll');
  const k = bufs.length;
  const size = at(first.shape, axisOf(first, splitDim), 'shape');
  axisOf(first, concatDim);
  if (size % k !== 0) throw new Error(`allToAll: split dim '${splitDim}' ${indivisible(size, k)}`);
  const chunk = size / k;
  const sAxis = axisOf(first, splitDim), cAxis = axisOf(first, concatDim);
  const piece = first.shape.map((s, i) => (i === sAxis ? chunk : s)); // what each member sends to each
  const outShape = piece.map((s, i) => (i === cAxis ? s * k : s));
  const origin = first.shape.map(() => 0);
  return bufs.map((own, j) => {
    if (!wants(wanted, j)) return own;
    // chunk j of every member, straight into its place: no slice and concat copies
    const out = allocData(first.dtype, outShape.reduce((p, s) => p * s, 1), true);
    const from = origin.map((_, i) => (i === sAxis ? j * chunk : 0));
    bufs.forEach((b, i) => {
      const to = origin.map((_, d) => (d === cAxis ? i * at(piece, cAxis, 'piece') : 0));
      copyBlock(b.data, b.shape, from, out, outShape, to, piece);
    });
    return makeArray(first.dtype, first.dims, outShape, out);
  });
}

/**
 * Sends each `src`'s buffer to `dst` (device ids, or positions for an array input). Every device
 * of the input receives: the buffer sent to it, or zeros shaped like `zerosLike` (an array, or a
 * function of the device id) when nobody sends to it. Returns the same container kind it got.
 * With `devices` (ids), only those devices' results are built; the others keep their own buffer.
 */
export function collectivePermute<T extends Map<number, NDArray> | readonly NDArray[]>(
  bufsByDevice: T,
  pairs: readonly (readonly [number, number])[],
  zerosLike: NDArray | ((device: number) => NDArray),
  devices?: Wanted,
): T extends Map<number, NDArray> ? Map<number, NDArray> : NDArray[] {
  const isMap = bufsByDevice instanceof Map;
  const asMap = bufsByDevice as Map<number, NDArray>, asList = bufsByDevice as readonly NDArray[];
  const lookup = (d: number): NDArray | undefined => (isMap ? asMap.get(d) : asList[d]);
  const members = isMap ? [...asMap.keys()] : asList.map((_, i) => i);
  const received = new Map<number, NDArray>();
  const sources = new Set<number>();
  for (const [src, dst] of pairs) {
    const buf = lookup(src);
    if (!buf) throw new Error(`collectivePermute: source device ${src} has no buffer`);
    if (!members.includes(dst)) throw new Error(`collectivePermute: target device ${dst} is not in the group`);
    if (received.has(dst)) throw new Error(`collectivePermute: device ${dst} receives twice`);
    if (sources.has(src)) throw new Error(`collectivePermute: device ${src} sends twice`);
    sources.add(src);
    if (!wants(devices, dst)) continue;
    received.set(dst, makeArray(buf.dtype, buf.dims, buf.shape, copyData(buf.data)));
  }
  const zero = (d: number): NDArray => {
    const t = typeof zerosLike === 'function' ? zerosLike(d) : zerosLike;
    return zeros(t.dtype, t.dims, t.shape);
  };
  const placeholder = (d: number): NDArray => lookup(d) ?? zero(d);
  const skipped = (d: number): boolean => !wants(devices, d);
  const result = members.map((d) => [d, received.get(d) ?? (skipped(d) ? placeholder(d) : zero(d))] as const);
  type R = T extends Map<number, NDArray> ? Map<number, NDArray> : NDArray[];
  return (isMap ? new Map(result) : result.map(([, b]) => b)) as R;
}

/**
 * Applies a group collective to every replica group of a mesh. `groups` are lists of device ids
 * that together cover each device exactly once; `perDevice` is indexed by device id; `fn` gets a
 * group's buffers in group order and returns them in the same order. `devices` (ids; all when
 * undefined) are the devices whose results are wanted: `fn` gets their positions in the group, and a
 * group without one is not run (its devices keep their own buffers).
 */
export function runOnGroups(
  groups: readonly (readonly number[])[], perDevice: readonly NDArray[],
  fn: (bufs: NDArray[], wanted: Wanted) => NDArray[], devices: Wanted,
): NDArray[] {
  const out = new Array<NDArray | undefined>(perDevice.length);
  for (const g of groups) {
    for (const d of g) {
      if (!Number.isInteger(d) || d < 0 || d >= perDevice.length) {
        throw new Error(`runOnGroups: device ${d} out of range 0..${perDevice.length - 1}`);
      }
      if (out[d] !== undefined) throw new Error(`runOnGroups: device ${d} is in two groups`);
    }
    const positions = devices && new Set(g.flatMap((d, i) => (devices.has(d) ? [i] : [])));
    if (positions?.size === 0) { g.forEach((d) => (out[d] = perDevice[d])); continue; }
    const res = fn(g.map((d) => at(perDevice, d, 'perDevice')), positions); // d was range-checked above
    if (res.length !== g.length) {
      throw new Error(`runOnGroups: collective returned ${res.length} buffers for a group of ${g.length}`);
    }
    g.forEach((d, i) => (out[d] = res[i]));
  }
  const missing = out.findIndex((b) => b === undefined);
  if (missing >= 0) throw new Error(`runOnGroups: device ${missing} is in no group`);
  return out as NDArray[];
}
