// Owns moving whole tensors to and from device tiles: each device's padded tile of a global array, and the
// global array rebuilt from the tiles (checking replicas agree).
import type { Value } from '../ir/module.js';
import { axisNames, coordsOfDevice, deviceAtCoords, meshSize, type Mesh } from '../ir/mesh.js';
import { deviceTile, usedAxes, type Sharding } from '../ir/sharding.js';
import { sliceAlong, strides, zeros, makeArray, type NDArray } from '../runtime/index.js';
import { at } from '../util/checked.js';

/** Device `d`'s buffer of global array `a` under `sharding`: the XLA tile, zero-padded to the common local shape. */
export function tileOf(a: NDArray, sharding: Sharding | undefined, mesh: Mesh, deviceId: number): NDArray {
  if (!sharding) return a;
  const tile = deviceTile(a.shape, sharding, mesh, deviceId);
  let cur = a;
  a.dims.forEach((dim, k) => {
    if (tile.padded[k] === a.shape[k] && tile.start[k] === 0) return;
    cur = sliceAlong(cur, dim, at(tile.start, k, 'tile start'), at(tile.padded, k, 'tile shape'));
  });
  return cur === a ? makeArray(a.dtype, a.dims, a.shape, a.data) : cur;
}

function sharedData(a: NDArray, n: number): NDArray['data'] {
  const sab = new SharedArrayBuffer(Math.max(4, n * 4));
  return a.data instanceof Float32Array ? new Float32Array(sab, 0, n) : new Int32Array(sab, 0, n);
}

/** A copy of `a` in a SharedArrayBuffer: a message to a worker thread shares it instead of copying it. */
export function sharedCopy(a: NDArray): NDArray {
  const data = sharedData(a, a.data.length);
  data.set(a.data);
  return makeArray(a.dtype, a.dims, a.shape, data);
}

/** Device `d`'s tile of `a` (as `tileOf`), copied straight from `a` into a SharedArrayBuffer (zero padding). */
function sharedTileOf(a: NDArray, sharding: Sharding, mesh: Mesh, deviceId: number): NDArray {
  const tile = deviceTile(a.shape, sharding, mesh, deviceId);
  const data = sharedData(a, tile.padded.reduce((p, s) => p * s, 1));
  const extent = tile.limit.map((l, k) => l - tile.start[k]!); // start and limit have a.shape's rank
  forRows(tile.padded, a.shape, tile.start, extent, (local, global, len) => {
    data.set(a.data.subarray(global, global + len), local);
  });
  return makeArray(a.dtype, a.dims, tile.padded, data);
}

/** True when device `d`'s tile of `a` is all of `a` (a replicated array, or a mesh axis of size 1). */
function wholeTile(a: NDArray, sharding: Sharding | undefined, mesh: Mesh, deviceId: number): boolean {
  if (!sharding) return true;
  const tile = deviceTile(a.shape, sharding, mesh, deviceId);
  return a.shape.every((s, k) => tile.start[k] === 0 && tile.padded[k] === s);
}

/**
 * Per device (by id), the tiles of every input and param of the local program, in program order.
 * With `shared`, tiles live in SharedArrayBuffers (for worker threads), copied once from the global
 * array; a tile that is the whole array (replicated) is one shared copy for every device, as kernels
 * never write their inputs.
 */
export function distribute(
  values: readonly Value[], globals: readonly NDArray[], mesh: Mesh, options: { shared?: boolean } = {},
): NDArray[][] {
  const n = meshSize(mesh);
  if (!options.shared) {
    // globals and values are parallel arrays (one global array per value)
    return Array.from({ length: n }, (_, d) => values.map((v, i) => tileOf(globals[i]!, v.sharding, mesh, d)));
  }
  const whole = new Map<number, NDArray>();
  return Array.from({ length: n }, (_, d) => values.map((v, i) => {
    const a = globals[i]!; // one global array per value (the caller's contract)
    if (v.sharding && !wholeTile(a, v.sharding, mesh, d)) return sharedTileOf(a, v.sharding, mesh, d);
    let w = whole.get(i);
    if (!w) whole.set(i, (w = sharedCopy(a)));
    return w;
  }));
}

export interface Assembled {
  readonly array: NDArray;
  /** Devices whose copy of a replicated tile differs from the first replica's, with the largest difference. */
  readonly replicaMismatches: { device: number; reference: number; maxDiff: number }[];
}

/**
 * The global value of local output `v` from every device's buffer: representative devices (index 0
 * on every axis that neither splits a dim nor is unreduced) place their tiles; devices along
 * unreduced axes are summed; every other replica must hold exactly the same tile.
 */
export function assemble(v: Value, perDevice: readonly NDArray[], mesh: Mesh): Assembled {
  const gt = v.globalType ?? v.type;
  const shape = gt.dims.map((d) => d.size);
  const dims = gt.dims.map((d) => d.name);
  const out = zeros(gt.dtype, dims, shape);
  const s = v.sharding;
  const names = axisNames(mesh);
  const unreduced = s?.unreduced ?? [];
  const busy = new Set([...(s ? usedAxes(s) : []), ...unreduced]);
  const replicaAxes = names.map((a, k) => (busy.has(a) ? -1 : k)).filter((k) => k >= 0);
  const mismatches: Assembled['replicaMismatches'] = [];
  const n = meshSize(mesh);
  // sum over unreduced axes in f64, so the order of partial sums does not matter
  const acc = unreduced.length ? new Float64Array(out.data.length) : undefined;
  for (let d = 0; d < n; d++) {
    const coords = coordsOfDevice(mesh, d);
    const local = at(perDevice, d, 'device buffers');
    const tile = s ? deviceTile(shape, s, mesh, d) : { start: shape.map(() => 0), limit: shape, padded: shape };
    const extent = tile.limit.map((l, i) => l - tile.start[i]!); // start and limit have the output's rank
    if (replicaAxes.every((k) => coords[k] === 0)) {
      copyRegion(local, out, tile.start, extent, acc);
    } else {
      const repCoords = coords.map((c, k) => (replicaAxes.includes(k) ? 0 : c));
      const rep = deviceAtCoords(mesh, repCoords);
      const diff = regionDiff(local, at(perDevice, rep, 'device buffers'), extent);
      if (diff !== 0) mismatches.push({ device: d, reference: rep, maxDiff: diff });
    }
  }
  if (acc) out.data.set(acc);
  return { array: out, replicaMismatches: mismatches };
}

/** Calls fn(srcOffset, dstOffset, rowLength) for each innermost row of an `extent` box at `start` in dst. */
function forRows(
  srcShape: readonly number[], dstShape: readonly number[], start: readonly number[], extent: readonly number[],
  fn: (s: number, d: number, len: number) => void,
): void {
  const r = extent.length;
  if (extent.some((e) => e <= 0)) return;
  if (r === 0) { fn(0, 0, 1); return; }
  const ss = strides(srcShape);
  const ds = strides(dstShape);
  const idx = new Array<number>(r - 1).fill(0);
  const rows = extent.slice(0, r - 1).reduce((p, e) => p * e, 1);
  // Hot loop, plain indexing: the shapes, start and extent all have rank r >= 1, idx has r - 1 entries, so every
  // index below (k < r - 1, and r - 1) is in range.
  const last = r - 1;
  const rowLen = extent[last]!; // in range (see above)
  for (let row = 0; row < rows; row++) {
    let so = 0;
    let dof = start[last]!; // in range (see above)
    for (let k = 0; k < last; k++) {
      // in range: k < r - 1
      so += idx[k]! * ss[k]!;
      dof += (start[k]! + idx[k]!) * ds[k]!; // in range: k < r - 1
    }
    fn(so, dof, rowLen);
    // in range: k <= r - 2
    for (let k = r - 2; k >= 0; k--) { if (++idx[k]! < extent[k]!) break; idx[k] = 0; }
  }
}

function copyRegion(
  src: NDArray, dst: NDArray, start: readonly number[], extent: readonly number[], acc?: Float64Array,
): void {
  forRows(src.shape, dst.shape, start, extent, (s, d, len) => {
    // hot loop, plain indexing: forRows hands out rows that lie inside both buffers
    if (acc) for (let j = 0; j < len; j++) acc[d + j]! += src.data[s + j]!;
    else dst.data.set(src.data.subarray(s, s + len), d);
  });
}

/** Largest |a - b| over the leading `extent` box of two same-shaped buffers (NaN vs NaN counts as equal). */
function regionDiff(a: NDArray, b: NDArray, extent: readonly number[]): number {
  let m = 0;
  forRows(a.shape, a.shape, extent.map(() => 0), extent, (s, _d, len) => {
    for (let j = 0; j < len; j++) {
      const x = a.data[s + j]!, y = b.data[s + j]!; // hot loop: forRows' rows lie inside both same-shaped buffers
      if (x === y || (x !== x && y !== y)) continue;
      const diff = Math.abs(x - y);
      m = diff > m || diff !== diff ? (diff !== diff ? Infinity : diff) : m;
    }
  });
  return m;
}
