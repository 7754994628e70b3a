// Owns the fast typed-array transpose every layout change goes through (einsum layouts, transpose, layer norm).
import { at, got } from '../../util/checked.js';
import { allocLike, strides, type TypedData } from '../ndarray.js';
import { transposeOnWasm, wasmForElements } from './wasm-ops.js';

/**
 * Merges input axes that stay adjacent and in order under `perm`, so a "rank-5" permutation is
 * usually a rank-2 or rank-3 one. Returns the reduced shape (in input order) and the permutation
 * over it.
 */
function simplify(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  // runs of consecutive input axes, in output order
  const groups: number[][] = [];
  for (const ax of perm) {
    const g = groups.at(-1);
    const tail = g?.at(-1);
    if (g && tail !== undefined && tail + 1 === ax) g.push(ax);
    else groups.push([ax]);
  }
  const firstOf = (g: readonly number[]) => at(g, 0, 'axis group');
  const byStart = [...groups].sort((x, y) => firstOf(x) - firstOf(y));
  const newIndex = new Map<number[], number>(byStart.map((g, i) => [g, i]));
  return {
    shape: byStart.map((g) => g.reduce((p, ax) => p * at(shape, ax, 'shape'), 1)),
    perm: groups.map((g) => got(newIndex, g, 'axis groups')),
  };
}

/** Output rows longer than this transpose faster in the JS loop than on tfjs-wasm (measured below). */
const WASM_MAX_ROW = 256;

/**
 * dst = src transposed: output axis i is input axis perm[i]. `dst` may be supplied (a reused
 * buffer of the right length); otherwise it comes from the runtime's buffer pool (a fresh array paid
 * first touch of every page on each call). Strided reads are tiled 16x16 (measured best on 4 KiB
 * strides) so neither side thrashes the cache.
 */
export function permuteData<T extends TypedData>(
  src: T, shape: readonly number[], perm: readonly number[], dst?: T,
): T {
  const n = src.length;
  const out = dst ?? allocLike(src);
  if (out.length !== n) throw new Error(`permuteData: destination has ${out.length} elements, need ${n}`);
  const s = simplifyAdjacent(shape, perm);
  const r = s.shape.length;
  if (r <= 1) {
    out.set(src);
    return out;
  }
  const inStr = strides(s.shape);
  const outShape = s.perm.map((ax) => at(s.shape, ax, 'shape'));
  const outStr = strides(outShape);
  // q: the output position of the input's innermost axis (contiguous reads along it)
  const q = s.perm.indexOf(r - 1);
  const last = r - 1;
  const contiguous = q === last; // e.g. [1,0,2]: whole rows move, no element transpose
  const cols = at(outShape, last, 'outShape'); // along last: dst stride 1, src stride inStr[perm[last]]
  const tf = cols <= WASM_MAX_ROW ? wasmForElements(n) : undefined;
  if (tf) {
    // tfjs-wasm's Transpose, copies in and out included, measured (CPU ms, this loop vs wasm):
    // [2,128,4,32] -> [2,4,128,32] 1.28 vs 0.11; [2,128,128] -> [2,128,128]^T 0.75 vs 0.13;
    // [256,512]^T 0.57 vs 0.36; but with long output rows the loop wins: [512,256]^T 0.76 vs 1.40,
    // [1024,1024]^T 4.9 vs 15.1
    transposeOnWasm(tf, src, s.shape, s.perm, out);
    return out;
  }
  const rows = contiguous ? 1 : at(outShape, q, 'outShape'); // along q: src stride 1, dst stride outStr[q]
  const dRow = at(outStr, q, 'outStr');
  const sCol = at(inStr, at(s.perm, last, 'perm'), 'inStr');
  // odometer over the other output axes
  const others: number[] = [];
  for (let i = 0; i < r; i++) if ((contiguous || i !== q) && i !== last) others.push(i);
  const counter = new Array<number>(others.length).fill(0);
  let srcBase = 0;
  let dstBase = 0;
  const B = 16;
  for (;;) {
    if (contiguous) {
      if (cols >= 64) out.set(src.subarray(srcBase, srcBase + cols), dstBase);
      else for (let j = 0; j < cols; j++) out[dstBase + j] = src[srcBase + j]!; // the odometer stays inside src
    } else {
      for (let i0 = 0; i0 < rows; i0 += B) {
        const i1 = Math.min(rows, i0 + B);
        for (let j0 = 0; j0 < cols; j0 += B) {
          const j1 = Math.min(cols, j0 + B);
          for (let i = i0; i < i1; i++) {
            const d = dstBase + i * dRow;
            const sp = srcBase + i;
            // i < rows and j < cols of the current tile, so sp + j * sCol < src.length
            for (let j = j0; j < j1; j++) out[d + j] = src[sp + j * sCol]!;
          }
        }
      }
    }
    let k = others.length - 1;
    for (; k >= 0; k--) {
      // k < others.length = counter.length, and ax = others[k] < r, the length of perm, outShape and the strides;
      // per output row, so asserted rather than checked
      const ax = others[k]!;
      counter[k]!++; // k in range, as above
      const inStep = inStr[s.perm[ax]!]!; // ax in range, as above; perm[ax] < r
      const outStep = outStr[ax]!, size = outShape[ax]!; // ax in range, as above
      srcBase += inStep;
      dstBase += outStep;
      if (counter[k]! < size) break; // k in range, as above
      srcBase -= inStep * size;
      dstBase -= outStep * size;
      counter[k] = 0;
    }
    if (k < 0) break;
  }
  return out;
}

/**
 * Relative cost of `permuteData(shape, perm)` in element-moves: 0 when memory order is unchanged,
 * a quarter per element when whole runs of >= 64 elements move (memcpy-like), 1 per element for
 * a real element transpose. Lets einsum pick the cheapest operand layout.
 */
export function layoutCost(shape: readonly number[], perm: readonly number[]): number {
  const s = simplifyAdjacent(shape, perm);
  const r = s.shape.length;
  if (r <= 1) return 0;
  const n = s.shape.reduce((p, x) => p * x, 1);
  return s.perm[r - 1] === r - 1 && at(s.shape, r - 1, 'shape') >= 64 ? n / 4 : n;
}

/** True when `perm` leaves the memory order unchanged (size-1 axes may move freely). */
export function isIdentityLayout(shape: readonly number[], perm: readonly number[]): boolean {
  return simplifyAdjacent(shape, perm).shape.length <= 1;
}

/** `simplify` after dropping size-1 axes, so axes separated only by size-1 axes merge too. */
function simplifyAdjacent(shape: readonly number[], perm: readonly number[]): { shape: number[]; perm: number[] } {
  const kept = shape.map((s, i) => (s !== 1 ? i : -1)).filter((i) => i >= 0);
  const rank = new Map(kept.map((ax, i) => [ax, i]));
  const sub = perm.filter((ax) => shape[ax] !== 1).map((ax) => got(rank, ax, 'kept axes'));
  return simplify(kept.map((ax) => at(shape, ax, 'shape')), sub);
}

