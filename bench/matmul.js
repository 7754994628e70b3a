// Bench: GFLOP/s of runtime einsum on the GShard MoE einsums vs bare 2-D tf.matMul of the same shapes (run: node bench/matmul.js [reps]).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, describeBackend, wasmHeapBytes } from '../compiler/dist/src/runtime/wasm-backend.js';
import { einsum } from '../compiler/dist/src/runtime/kernels/einsum.js';
import { fromArray, recycle } from '../compiler/dist/src/runtime/ndarray.js';

const reps = Number(process.argv[2] ?? 5);
// GShard Algorithm 2 (MoE layer), E experts, G groups, S tokens per group, C capacity, M model, H hidden.
const Z = { E: 8, G: 8, S: 512, C: 128, M: 512, H: 2048 };
const cases = [
  { name: 'dispatch', spec: 'GSEC,GSM->EGCM', batch: 'G', m: 'EC', k: 'S', n: 'M' },
  { name: 'expert in', spec: 'EGCM,EMH->EGCH', batch: 'E', m: 'GC', k: 'M', n: 'H' },
  { name: 'expert out', spec: 'EGCH,EHM->GECM', batch: 'E', m: 'GC', k: 'H', n: 'M' },
  { name: 'combine', spec: 'GSEC,GECM->GSM', batch: 'G', m: 'S', k: 'EC', n: 'M' },
];
const prod = (s) => [...s].reduce((p, d) => p * Z[d], 1);

function randomArray(dims) {
  const shape = dims.map((d) => Z[d]);
  const n = shape.reduce((p, s) => p * s, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.random() * 2 - 1;
  return fromArray('f32', dims, shape, v);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Times the functions round-robin (the machine is shared and noisy: interleaving keeps drift out of the ratios). */
function timeAll(fns) {
  for (const f of fns) f(); // warm-up (XNNPACK operator creation, page faults)
  const ts = fns.map(() => []);
  for (let i = 0; i < reps; i++) {
    fns.forEach((f, j) => {
      const t0 = performance.now();
      f();
      ts[j].push(performance.now() - t0);
    });
  }
  return ts.map(median);
}

await initBackend();
console.log(`backend: ${describeBackend()}  shapes: ${JSON.stringify(Z)}  reps: ${reps} (median)`);
const rows = [];
for (const c of cases) {
  const [lhs, rest] = c.spec.split(',');
  const [rhs, out] = rest.split('->');
  const a = randomArray([...lhs]);
  const b = randomArray([...rhs]);
  const spec = { inputs: [[...lhs], [...rhs]], output: [...out] };
  const nb = Z[c.batch], m = prod(c.m), k = prod(c.k), n = prod(c.n);
  const flops = 2 * nb * m * k * n;
  // bare: the same nb 2-D products on tensors already in the wasm heap, result read back
  const ta = Array.from({ length: nb }, () => tf.randomUniform([m, k]));
  const tb = Array.from({ length: nb }, () => tf.randomUniform([k, n]));
  const [tEinsum, tRecycled, tBare] = timeAll([
    // a fresh result each call (first touch of its pages is part of the cost)
    () => einsum(spec, [a, b]),
    // the result handed back when dead, as an interpreter that frees values would do
    () => recycle(einsum(spec, [a, b])),
    () => {
      for (let i = 0; i < nb; i++) {
        const c2 = tf.matMul(ta[i], tb[i]);
        c2.dataSync();
        c2.dispose();
      }
    },
  ]);
  tf.dispose([...ta, ...tb]);
  rows.push({
    einsum: `${c.name} ${c.spec}`,
    '2-D shape': `${nb} x [${m},${k}]x[${k},${n}]`,
    'einsum ms': tEinsum.toFixed(1),
    'einsum GFLOP/s': (flops / tEinsum / 1e6).toFixed(1),
    'einsum+recycle ms': tRecycled.toFixed(1),
    'einsum+recycle GFLOP/s': (flops / tRecycled / 1e6).toFixed(1),
    'tf.matMul ms': tBare.toFixed(1),
    'tf.matMul GFLOP/s': (flops / tBare / 1e6).toFixed(1),
    ratio: (tBare / tEinsum).toFixed(2),
    'ratio recycled': (tBare / tRecycled).toFixed(2),
  });
}
console.table(rows);
console.log(`wasm heap: ${(wasmHeapBytes() / 2 ** 20).toFixed(0)} MiB, live tensors: ${tf.memory().numTensors}`);
