// Owns the process's one tfjs-core + wasm backend: initialisation, what binary ran, 2-D matmul (with a JS fallback).
import type * as TF from '@tensorflow/tfjs-core';
import { residentMatrix } from './resident.js';
import { offerRows, shareChunkRows } from './matmul-share.js';

/**
 * tfjs-core, loaded by initBackend: importing it costs ~0.6 s, and every command that loads the op
 * registry (whose entries hold the kernels) would pay it, running or not. Kernels run only after
 * initBackend, so they find it loaded.
 */
let tf: typeof TF;

export interface BackendInfo {
  /** 'wasm' when tfjs-backend-wasm runs; 'js' when init failed and the pure-JS matmul is used. */
  readonly backend: 'wasm' | 'js';
  readonly simd: boolean;
  readonly threads: boolean;
  /** Why the JS fallback is in use (absent when wasm runs). */
  readonly reason?: string;
}

let info: BackendInfo | undefined;
let initPromise: Promise<BackendInfo> | undefined;

/**
 * Initialises tfjs with the wasm backend once per process. In Node the package's CommonJS build
 * (`dist/tf-backend-wasm.node.js`) finds its .wasm files next to itself, so no `setWasmPaths` is
 * needed; if init fails anyway (missing binary, no WebAssembly), matmuls fall back to plain JS and
 * `reason` says why. Never rejects.
 */
export function initBackend(options: { forceJs?: string } = {}): Promise<BackendInfo> {
  if (initPromise) return initPromise;
  initPromise = (async (): Promise<BackendInfo> => {
    if (options.forceJs !== undefined) {
      return (info = { backend: 'js', simd: false, threads: false, reason: options.forceJs });
    }
    try {
      tf = await import('@tensorflow/tfjs-core');
      await import('@tensorflow/tfjs-backend-wasm'); // registers the 'wasm' backend factory
      const ok = await tf.setBackend('wasm');
      await tf.ready();
      if (!ok || tf.getBackend() !== 'wasm') {
        throw new Error(`tf.setBackend('wasm') returned ${ok}, backend is ${tf.getBackend()}`);
      }
      const env = tf.env();
      info = {
        backend: 'wasm',
        simd: Boolean(env.getBool('WASM_HAS_SIMD_SUPPORT')),
        threads: Boolean(env.getBool('WASM_HAS_MULTITHREAD_SUPPORT')),
      };
    } catch (e) {
      const reason = `wasm backend failed to initialise: ${(e as Error).message}`;
      info = { backend: 'js', simd: false, threads: false, reason };
    }
    return info;
  })();
  return initPromise;
}

/** The backend in use; throws if `initBackend()` has not completed (kernels stay synchronous). */
export function backendInfo(): BackendInfo {
  if (!info) throw new Error('runtime not initialised: await initBackend() before running kernels');
  return info;
}

/**
 * tfjs-core with the wasm backend active, or undefined (not initialised yet, or the JS fallback): kernels then run
 * their JS loops.
 */
export function wasmTf(): typeof TF | undefined {
  return info?.backend === 'wasm' ? tf : undefined;
}

/** One line for the CLI: `wasm (simd, 1 thread)` or `js fallback: <reason>`. */
export function describeBackend(): string {
  const i = backendInfo();
  if (i.backend === 'js') return `js fallback: ${i.reason ?? 'unknown reason'}`;
  return `wasm (${i.simd ? 'simd' : 'no simd'}, ${i.threads ? 'multi-threaded' : '1 thread'})`;
}

/** Bytes the wasm heap holds now (grows, never shrinks); 0 on the JS fallback. */
export function wasmHeapBytes(): number {
  if (backendInfo().backend !== 'wasm') return 0;
  const be = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  return be.wasm?.HEAPU8?.length ?? 0;
}

/**
 * Live-tensor bytes we allow on the wasm heap at once. The heap is 4 GiB and running out is silent
 * (the tensor lands at address 0); XNNPACK also keeps a packed copy of each right-hand matrix, so
 * we budget twice the operand bytes and refuse well before the limit.
 */
export const WASM_BUDGET_BYTES = 3 * 1024 ** 3;

/** Below this many multiply-adds a JS loop beats the per-call overhead of a tfjs matMul (~5-20 µs). */
let smallMatmul = 16384;

/** Sets the JS/wasm cut-over (tests set 0 to push every shape through wasm); returns the previous value. */
export function setJsMatmulThreshold(multiplyAdds: number): number {
  const prev = smallMatmul;
  smallMatmul = multiplyAdds;
  return prev;
}

/**
 * One [m,k] x [k,n] product: row i of the result goes to out[outOff + rowOffsets[i] ...+ n]
 * (rowOffsets defaults to i*n), so einsum can scatter rows straight into a transposed result.
 * Runs as a plain 2-D tf.matMul on wasm (never batched, never transposeB: see
 * reference/wasm-backend.md), or in JS for tiny products and on the fallback.
 */
export function matmul2d(
  a: Float32Array, aOff: number, b: Float32Array, bOff: number,
  m: number, k: number, n: number, out: Float32Array, outOff: number, rowOffsets?: Int32Array,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0) {
    for (let i = 0; i < m; i++) {
      const o = outOff + (rowOffsets ? rowOffsets[i]! : i * n); // rowOffsets has one entry per row, i < m
      out.fill(0, o, o + n);
    }
    return;
  }
  if (backendInfo().backend === 'js' || m * k * n <= smallMatmul) {
    matmulJs(a, aOff, b, bOff, m, k, n, out, outOff, rowOffsets);
    return;
  }
  // An idle mesh worker may take the tail rows: this thread computes the head, then collects (or computes) the
  // tail. A large product goes in chunks so that a worker falling idle midway still gets half of what is left.
  const chunk = shareChunkRows(m, k, n);
  // chunks share one upload of b (and XNNPACK's packing of it, made once per b tensor)
  const shared = chunk < m && !residentMatrix(tf, b, bOff, k, n) ? uploadMatrix(b, bOff, k, n) : undefined;
  try {
    for (let done = 0; done < m;) {
      const rest = m - done;
      const at = rowOffsets ? outOff : outOff + done * n;
      const offsets = rowOffsets?.subarray(done);
      const share = rest >= 2 * chunk || chunk === m ? offerRows(a, aOff + done * k, b, bOff, rest, k, n) : undefined;
      const rows = share ? share.from : Math.min(chunk, rest);
      matmulOnWasm(a, aOff + done * k, b, bOff, rows, k, n, out, at, offsets, shared);
      if (share && !share.finish(out, at, offsets)) {
        // nobody computed the offered rows: they run here, with the same upload of b
        const tailAt = rowOffsets ? outOff : outOff + (done + rows) * n;
        matmulOnWasm(a, aOff + (done + rows) * k, b, bOff, rest - rows, k, n, out, tailAt,
          rowOffsets?.subarray(done + rows), shared);
      }
      done += share ? rest : rows;
    }
  } finally {
    shared?.dispose();
  }
}

function uploadMatrix(d: Float32Array, off: number, rows: number, cols: number): TF.Tensor2D {
  return tf.tensor2d(d.subarray(off, off + rows * cols), [rows, cols], 'float32');
}

/**
 * matmul2d's wasm path for all m rows here (no share offered): the helper of a share runs its rows with it. `bOnHeap`
 * is b already uploaded by the caller (kept across the chunks of one product).
 */
export function matmulOnWasm(
  a: Float32Array, aOff: number, b: Float32Array, bOff: number,
  m: number, k: number, n: number, out: Float32Array, outOff: number, rowOffsets?: Int32Array, bOnHeap?: TF.Tensor2D,
): void {
  const bytes = 4 * (m * k + 2 * k * n + m * n);
  const live = tf.memory().numBytes;
  if (live + bytes > WASM_BUDGET_BYTES) {
    throw new Error(`matmul [${m},${k}]x[${k},${n}] needs ${bytes} bytes on the wasm heap with ${live} live: ` +
      `over the ${WASM_BUDGET_BYTES}-byte budget`);
  }
  // a run's params and inputs stay on the heap between calls (resident.ts): no upload, XNNPACK's packing reused
  const ra = residentMatrix(tf, a, aOff, m, k);
  const rb = bOnHeap ?? residentMatrix(tf, b, bOff, k, n);
  const ta = ra ?? uploadMatrix(a, aOff, m, k);
  const tb = rb ?? uploadMatrix(b, bOff, k, n);
  const tc = tf.matMul(ta, tb);
  try {
    // Read straight from the heap (a view, valid until the next allocation) instead of dataSync's extra copy.
    const be = tf.backend() as unknown as { typedArrayFromHeap?: (t: TF.Tensor) => Float32Array };
    const view = be.typedArrayFromHeap ? be.typedArrayFromHeap(tc) : (tc.dataSync() as Float32Array);
    if (!rowOffsets) out.set(view, outOff);
    // rowOffsets has one entry per row, i < m
    else for (let i = 0; i < m; i++) out.set(view.subarray(i * n, (i + 1) * n), outOff + rowOffsets[i]!);
  } finally {
    if (!ra) ta.dispose();
    if (!rb) tb.dispose();
    tc.dispose();
  }
}

/** The reference JS matmul (i-k-j order so the inner loop streams rows of b and out). */
export function matmulJs(
  a: ArrayLike<number>, aOff: number, b: ArrayLike<number>, bOff: number,
  m: number, k: number, n: number, out: Float32Array | Int32Array, outOff: number, rowOffsets?: Int32Array,
): void {
  const acc = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    acc.fill(0);
    const ai = aOff + i * k;
    for (let kk = 0; kk < k; kk++) {
      // a is [m, k] from aOff and b [k, n] from bOff, so ai + kk and bk + j (j < n = acc.length) are in range
      const x = a[ai + kk]!;
      const bk = bOff + kk * n;
      for (let j = 0; j < n; j++) acc[j]! += x * b[bk + j]!; // in range, as above
    }
    const oi = outOff + (rowOffsets ? rowOffsets[i]! : i * n); // rowOffsets has one entry per row, i < m
    for (let j = 0; j < n; j++) out[oi + j] = acc[j]!; // j < n = acc.length
  }
}
