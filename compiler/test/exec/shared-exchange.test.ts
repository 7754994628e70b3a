// Mesh workers exchanging collective operands through shared memory: runs on 2 and 3 workers (uneven
// device groups, both slot parities, every collective kind of the examples) give exactly the
// in-thread result; tiles handed to workers are shared, a replicated one once; an abort wakes a barrier.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arraysEqual } from '../../src/runtime/index.js';
import { WorkerPool } from '../../src/exec/worker-pool.js';
import { simulateInProcess, simulateMesh } from '../../src/exec/mesh-sim.js';
import { distribute } from '../../src/exec/tiles.js';
import { prepareFeeds } from '../../src/exec/inputs.js';
import { Exchange, ExchangeView } from '../../src/exec/shared-exchange.js';
import { initBackend } from '../../src/runtime/index.js';
import { examplePath } from '../helpers/repo.js';
import { runModel } from '../../src/exec/run-model.js';
import { compileSource, failureText } from './helpers.js';

const EXAMPLES = ['moe_layer.gshard', 'dense_transformer.gshard', 'moe_decoder_lm.gshard'];

/** Uneven tiles (padded), a collective_permute and a reduce_scatter on a 3x3 mesh (from partitioner-bugs.test.ts). */
const SMALL = [`mesh m = [a = 3, b = 3]
dim Q = 2
model gen(x0: f32[Q] @ [(a, b)]) -> f32[Q] on m {
  t0 = tanh(x0) @ [(b, a)]
  return t0
}
`, `mesh m = [a = 3, b = 3]
dim P = 3
dim R = 3
model gen(s: f32[], w0: f32[P, R] @ [a, b]) -> (f32[P]) on m {
  t2 = einsum(",PR->P", s, w0) @ [(a, b)]
  return t2
}
`, `mesh m = [a = 3, b = 3]
dim P = 7
dim R = 5
model gen(x: f32[P, R] @ [a, b], w: f32[R] @ [b]) -> f32[P, R] on m {
  y = relu(x * w) @ [b, a]
  return y
}
`];

describe('mesh workers on shared memory', () => {
  for (const workers of [2, 3]) {
    it(`${workers} workers: every example's outputs equal the in-thread run exactly`, async () => {
      await initBackend();
      const pool = await WorkerPool.start(workers);
      try {
        const sources = [...EXAMPLES.map((e) => readFileSync(examplePath(e), 'utf8')), ...SMALL];
        for (const [s, text] of sources.entries()) {
          const name = EXAMPLES[s] ?? `small program ${s - EXAMPLES.length}`;
          const { global, local } = compileSource(text);
          const globals = prepareFeeds(global, 3).map((f) => f.array);
          const args = [...local.inputs, ...local.params];
          const inThread = simulateInProcess(local, distribute(args, globals, local.mesh));
          for (let rep = 0; rep < 2; rep++) { // a second run reuses the pool's exchange buffers
            const run = await simulateMesh(local, distribute(args, globals, local.mesh, { shared: true }), { pool });
            assert.equal(run.workers?.length, Math.min(workers, run.outputs.length), name);
            inThread.outputs.forEach((outs, d) => outs.forEach((a, k) => {
              assert.ok(arraysEqual(a, run.outputs[d]![k]!), `${name}: device ${d} output ${k}`);
            }));
          }
          const report = await runModel(global, local, { seed: 3, pool }); // against the reference too
          assert.ok(report.equal, `${name}: ${failureText(report)}`);
        }
      } finally {
        await pool.close();
      }
    });
  }

  it('shared tiles: SharedArrayBuffers, one buffer for a replicated array, values as the plain tiles', () => {
    const { global, local } = compileSource(readFileSync(examplePath('moe_layer.gshard'), 'utf8'));
    const globals = prepareFeeds(global, 1).map((f) => f.array);
    const args = [...local.inputs, ...local.params];
    const plain = distribute(args, globals, local.mesh);
    const shared = distribute(args, globals, local.mesh, { shared: true });
    const wg = args.findIndex((v) => v.name === 'wg'); // @ replicate
    const inputs = args.findIndex((v) => v.name === 'inputs'); // split over the mesh
    assert.ok(wg >= 0 && inputs >= 0);
    shared.forEach((tiles, d) => tiles.forEach((t, i) => {
      assert.ok(t.data.buffer instanceof SharedArrayBuffer, `device ${d} arg ${i}`);
      assert.ok(arraysEqual(t, plain[d]![i]!), `device ${d} arg ${i}`);
    }));
    assert.equal(new Set(shared.map((t) => t[wg]!.data.buffer)).size, 1);
    assert.equal(new Set(shared.map((t) => t[inputs]!.data.buffer)).size, shared.length);
  });

  it('a barrier raised after a fault elsewhere throws instead of waiting', () => {
    const { local } = compileSource(readFileSync(examplePath('moe_layer.gshard'), 'utf8'));
    const exchange = new Exchange();
    const view = new ExchangeView({ ...exchange.init(local, 16, 2), worker: 0 });
    exchange.abort();
    assert.throws(() => view.arrive(), /another worker of the mesh failed/);
  });
});
