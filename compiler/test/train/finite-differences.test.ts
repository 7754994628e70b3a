// The reference gradients (the registry's gradient rules, through autodiff) agree with central finite
// differences of the forward program's loss, on a model that uses every differentiable op.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { initBackend } from '../../src/runtime/index.js';
import { OP_ENTRIES } from '../../src/ops/registry.js';
import { ROOT } from '../helpers/repo.js';
import { gradientsAndDifferences } from './fd-helpers.js';

const FIXTURE = join(ROOT, 'compiler/test/train/fixtures/every_op.gshard');

test('the fixture uses every op that has a gradient rule and is callable from source', () => {
  const m = runPipeline(readFileSync(FIXTURE, 'utf8'), { upTo: 'lower' }).global!;
  const used = new Set(m.ops.map((op) => op.kind));
  const missing = OP_ENTRIES.filter((e) => typeof e.gradient === 'function' && e.surface.form !== 'none'
    && !used.has(e.name)).map((e) => e.name);
  assert.deepEqual(missing, []);
});

test('reference gradients equal central finite differences on every param (every differentiable op)', async () => {
  await initBackend();
  // f32 throughout: h = 3e-3 balances the rounding error of the difference (~1e-7 / h) against the
  // O(h^2) truncation; measured: at most 3e-4 of each param's gradient scale, so the bar has ~7x room
  for (const p of gradientsAndDifferences(readFileSync(FIXTURE, 'utf8'), 3e-3)) {
    const scale = Math.max(...p.grad.map(Math.abs), 1e-3);
    p.grad.forEach((g, i) => {
      const fd = p.fd[i]!;
      assert.ok(Math.abs(g - fd) <= 2e-3 * scale + 1e-2 * Math.abs(g),
        `d loss / d ${p.name}[${i}]: autodiff ${g}, finite difference ${fd} (scale ${scale})`);
    });
  }
});
