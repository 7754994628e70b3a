// Bench: GFLOP/s of runtime einsum vs bare 2-D tf.matMul of the same products in the same thread (process CPU time),
// on the GShard MoE layer's einsums and on one device's einsums of the MoE Transformer, with the weight operand
// (a param) uploaded per call and resident on the wasm heap as a run holds it (run: node bench/matmul.js [reps]).
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, describeBackend, wasmHeapBytes } from '../compiler/dist/src/runtime/wasm-backend.js';
import { holdResident } from '../compiler/dist/src/runtime/resident.js';
import { einsum } from '../compiler/dist/src/runtime/kernels/einsum.js';
import { fromArray, recycle } from '../compiler/dist/src/runtime/ndarray.js';

const reps = Number(process.argv[2] ?? 5);
// GShard Algorithm 2 (MoE layer), E experts, G groups, S tokens per group, C capacity, M model, H hidden.
const MOE = { E: 8, G: 8, S: 512, C: 128, M: 512, H: 2048 };
// One of 8 devices of examples/moe_transformer.gshard with B=16 L=128 M=256 K=32 H=1024 S=256 (the
// issue's workload): the batch and the groups split 8 ways, the experts too (E=1 in the expert einsums).
const TX = { B: 2, L: 128, T: 128, M: 256, N: 4, K: 32, H: 1024, G: 1, S: 256, E: 8, C: 64 };
const TXE = { ...TX, E: 1, G: 8 };
const cases = [
  { name: 'moe dispatch', spec: 'GSEC,GSM->EGCM', z: MOE },
  { name: 'moe expert in', spec: 'EGCM,EMH->EGCH', z: MOE, weight: true },
  { name: 'moe expert out', spec: 'EGCH,EHM->GECM', z: MOE, weight: true },
  { name: 'moe combine', spec: 'GSEC,GECM->GSM', z: MOE },
  { name: 'tx q/k/v', spec: 'BLM,MNK->BLNK', z: TX, weight: true },
  { name: 'tx logits', spec: 'BLNK,BTNK->BNLT', z: TX },
  { name: 'tx context', spec: 'BNLT,BTNK->BLNK', z: TX },
  { name: 'tx attn out', spec: 'BLNK,NKM->BLM', z: TX, weight: true },
  { name: 'tx ffn in', spec: 'BLM,MH->BLH', z: TX, weight: true },
  { name: 'tx ffn out', spec: 'BLH,HM->BLM', z: TX, weight: true },
  { name: 'tx gating', spec: 'GSM,ME->GSE', z: TX, weight: true },
  { name: 'tx dispatch', spec: 'GSEC,GSM->EGCM', z: TX },
  { name: 'tx expert in', spec: 'EGCM,EMH->EGCH', z: TXE, weight: true },
  { name: 'tx expert out', spec: 'EGCH,EHM->GECM', z: TXE, weight: true },
  { name: 'tx combine', spec: 'GSEC,GECM->GSM', z: TX },
];

function randomArray(dims, z) {
  const shape = dims.map((d) => z[d]);
  const n = shape.reduce((p, s) => p * s, 1);
  const v = new Float32Array(n);
  for (let i = 0; i < n; i++) v[i] = Math.random() * 2 - 1;
  return fromArray('f32', dims, shape, v);
}

/** The 2-D products of an einsum: batch dims (in both operands and the output), free dims, contracting dims. */
function productsOf(lhs, rhs, out, z) {
  const prod = (ds) => ds.reduce((p, d) => p * z[d], 1);
  const batch = out.filter((d) => lhs.includes(d) && rhs.includes(d));
  return {
    nb: prod(batch),
    m: prod(lhs.filter((d) => out.includes(d) && !rhs.includes(d))),
    k: prod(lhs.filter((d) => rhs.includes(d) && !out.includes(d))),
    n: prod(rhs.filter((d) => out.includes(d) && !lhs.includes(d))),
  };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Times the functions round-robin (the machine is shared and noisy: interleaving keeps drift out of
 * the ratios), in process CPU time: on a machine shared with other work, wall time counts the
 * waits for a core (measured here at 4-5x the CPU time), CPU time only the work.
 */
function timeAll(fns) {
  for (const f of fns) f(); // warm-up (XNNPACK operator creation, page faults)
  const ts = fns.map(() => []);
  for (let i = 0; i < reps; i++) {
    fns.forEach((f, j) => {
      const c0 = process.cpuUsage();
      f();
      const c = process.cpuUsage(c0);
      ts[j].push((c.user + c.system) / 1000);
    });
  }
  return ts.map(median);
}

await initBackend();
console.log(`backend: ${describeBackend()}  MoE: ${JSON.stringify(MOE)}  Transformer device: ${JSON.stringify(TX)}  reps: ${reps} (median)`);
const rows = [];
const json = [];
for (const c of cases) {
  const [lhs, rest] = c.spec.split(',');
  const [rhs, out] = rest.split('->');
  const a = randomArray([...lhs], c.z);
  const b = randomArray([...rhs], c.z);
  const spec = { inputs: [[...lhs], [...rhs]], output: [...out] };
  const { nb, m, k, n } = productsOf([...lhs], [...rhs], [...out], c.z);
  const flops = 2 * nb * m * k * n;
  // bare: the same nb 2-D products on tensors already in the wasm heap, result read back
  const ta = Array.from({ length: nb }, () => tf.randomUniform([m, k]));
  const tb = Array.from({ length: nb }, () => tf.randomUniform([k, n]));
  // a param (the right operand) held read-only as a worker holds its devices' feeds: matmuls keep it on the heap
  const resident = (f) => () => {
    const close = holdResident([b, b]); // two devices of a worker reading one replicated weight
    try {
      f();
      f();
    } finally {
      close();
    }
  };
  const [tEinsum, tRecycled, tBare, tResident2] = timeAll([
    // a fresh result each call (first touch of its pages is part of the cost)
    () => einsum(spec, [a, b]),
    // the result handed back when dead, as the interpreter and the mesh do
    () => recycle(einsum(spec, [a, b])),
    () => {
      for (let i = 0; i < nb; i++) {
        const c2 = tf.matMul(ta[i], tb[i]);
        c2.dataSync();
        c2.dispose();
      }
    },
    // two calls in one scope (as two devices of a worker share a replicated weight): upload once, then reuse
    ...(c.weight ? [resident(() => recycle(einsum(spec, [a, b])))] : []),
  ]);
  const tResident = tResident2 === undefined ? undefined : tResident2 / 2;
  tf.dispose([...ta, ...tb]);
  rows.push({
    einsum: `${c.name} ${c.spec}`,
    '2-D shape': `${nb} x [${m},${k}]x[${k},${n}]`,
    'einsum CPU ms': tEinsum.toFixed(2),
    'einsum+recycle CPU ms': tRecycled.toFixed(2),
    'einsum+recycle GFLOP/s': (flops / tRecycled / 1e6).toFixed(1),
    'tf.matMul CPU ms': tBare.toFixed(2),
    'tf.matMul GFLOP/s': (flops / tBare / 1e6).toFixed(1),
    ratio: (tBare / tEinsum).toFixed(2),
    'ratio recycled': (tBare / tRecycled).toFixed(2),
    'ratio resident weight': tResident === undefined ? '-' : (tBare / tResident).toFixed(2),
  });
  json.push({ name: `${c.name} einsum/tf.matMul (recycled)`, value: Number((tBare / tRecycled).toFixed(3)), better: 'higher' });
  if (tResident !== undefined) {
    json.push({ name: `${c.name} einsum/tf.matMul (resident weight)`, value: Number((tBare / tResident).toFixed(3)), better: 'higher' });
  }
}
console.table(rows);
console.log(`wasm heap: ${(wasmHeapBytes() / 2 ** 20).toFixed(0)} MiB, live tensors: ${tf.memory().numTensors}`);
console.log(`BENCH_JSON ${JSON.stringify({ bench: 'matmul', unit: 'x', rows: json })}`);
