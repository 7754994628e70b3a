// Compiling a file for training in tests, and the loss wrapper that makes an example without a loss
// trainable (the Megatron block: loss = mean of the squares of its output).

import assert from 'node:assert/strict';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { sgd } from '../../src/train/optimizer.js';
import type { Module } from '../../src/ir/module.js';
import type { RematChoice } from '../../src/train/remat-regions.js';
import { examplePath, readText } from '../helpers/repo.js';

export interface TrainCompiled {
  readonly sharded: Module;
  readonly spmd: Module;
}

export function compileTraining(
  source: string, options: { lr?: number; dims?: Record<string, number>; remat?: RematChoice } = {},
): TrainCompiled {
  const r = runPipeline(source, {
    train: { optimizer: sgd({ lr: options.lr ?? 0.1 }), ...(options.remat ? { remat: options.remat } : {}) },
    verifyEach: true,
    ...(options.dims ? { dims: new Map(Object.entries(options.dims)) } : {}),
  });
  assert.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  assert.ok(r.sharded && r.spmd, `stopped after ${r.haltedAfter}`);
  return { sharded: r.sharded, spmd: r.spmd };
}

/**
 * examples/llama_block.gshard with a scalar loss in front of its output: the mean of the squares of
 * the block's output (documented in docs/training.md), so every weight gets a gradient.
 */
export function llamaWithLoss(): string {
  const source = readText(examplePath('llama_block.gshard'));
  const from = `model llama_block(x: f32[B, L, M] @ [data, _, _]) -> f32[B, L, M] on tpu {
  y = repeat 2 block(x)
  return y
}`;
  assert.ok(source.includes(from), 'the example\'s model is as this wrapper expects');
  return source.replace(from, `model llama_block(x: f32[B, L, M] @ [data, _, _]) -> (f32[], f32[B, L, M]) on tpu {
  y = repeat 2 block(x)
  loss = reduce_mean(square(y), [B, L, M])
  return loss, y
}`);
}
