// Central finite differences of a model's loss next to its autodiff gradients (the reference
// interpreter in f32), for the gradient tests.

import { runPipeline } from '../../src/passes/run-pipeline.js';
import { sgd } from '../../src/train/optimizer.js';
import { interpret } from '../../src/exec/interpreter.js';
import { prepareFeeds } from '../../src/exec/inputs.js';
import { makeArray, type NDArray } from '../../src/runtime/index.js';
import type { Module } from '../../src/ir/module.js';

/** The loss of `m` (first output) at `feeds` with one element of one feed moved by `delta`. */
function lossAt(m: Module, feeds: Map<string, NDArray>, name: string, i: number, delta: number): number {
  const base = feeds.get(name)!;
  const data = base.data.slice() as Float32Array;
  data[i] = data[i]! + delta;
  const moved = new Map(feeds);
  moved.set(name, makeArray(base.dtype, base.dims, base.shape, data));
  return Number(interpret(m, moved)[0]!.data[0]);
}

/** Per float param: the autodiff gradient and the central difference (step h) at every element. */
export function gradientsAndDifferences(source: string, h: number, seed = 1) {
  const forward = runPipeline(source, { upTo: 'lower' }).global!;
  const training = runPipeline(source, { train: { optimizer: sgd({ lr: 0.1 }) }, upTo: 'autodiff' }).global!;
  const feeds = new Map(prepareFeeds(forward, seed).map((f) => [f.value.name, f.array]));
  const outs = interpret(training, feeds);
  const layout = training.training!;
  return layout.params.map((name, k) => {
    const g = outs[layout.outputs.grads[k]!]!;
    const fd = Array.from(g.data, (_, i) => (lossAt(forward, feeds, name, i, h) - lossAt(forward, feeds, name, i, -h)) / (2 * h));
    return { name, grad: Array.from(g.data), fd };
  });
}

