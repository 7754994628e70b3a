// Generated models (random einsums, elementwise chains, reductions, softmax; random meshes and shardings; sizes that do not divide) equal their reference on the simulated mesh.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { genModel } from './gen-model.js';
import { compileSource, failureText } from './helpers.js';
import { runModel } from '../../src/exec/run-model.js';

/** Fixed so CI is reproducible; GSHARD_FC_SEED / GSHARD_FC_RUNS explore further. */
const SEED = Number(process.env['GSHARD_FC_SEED'] ?? 20240611);
const RUNS = Number(process.env['GSHARD_FC_RUNS'] ?? 60);

describe('generated models on random meshes', () => {
  it(`equal the reference (fast-check seed ${SEED}, ${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.integer({ min: 0, max: 1000 }), async (g, dataSeed) => {
        const text = genModel(g);
        let programs;
        try {
          programs = compileSource(text);
        } catch (e) {
          throw new Error(`the generated model does not compile (generator or compiler bug):\n${(e as Error).message}`);
        }
        const r = await runModel(programs.global, programs.local, { seed: dataSeed });
        assert.ok(r.equal, `mesh differs from the reference (data seed ${dataSeed}): ${failureText(r)}\n${text}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });
});
