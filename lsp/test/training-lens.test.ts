// Training mode (`gshard.costMode` = "train") over the real protocol: the lenses show the numbers
// `gshard cost --train --json` reports (each layer's FLOPs, the model's step time and peak), and hovering a
// param shows its gradient's sharding, where it came from and the collective that reduces it.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freshUri, positionOf } from './fixtures.js';
import { example } from './examples.js';
import { withServer } from './server-harness.js';
import type { LspClient } from './lsp-client.js';

const bin = fileURLToPath(new URL('../../../cli/bin/gshard.js', import.meta.url));
const examplePath = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));
const TRAIN = { debounceMs: 5, idleMs: 20, costMode: 'train' };

interface Lens { range: { start: { line: number; character: number } }; command: { title: string };
  data?: { flops?: number; stepSeconds?: number; peakBytes?: number; optimizer?: string } }
interface CostJson { stepSeconds: number; hbmBytesPerDevice: number; layers: { name: string; flops: number }[];
  trainingProgram: { optimizer: string } }

/** `gshard cost FILE --train --json`, as a user runs it. */
function costTrainJson(name: string): CostJson {
  const r = spawnSync(process.execPath, [bin, 'cost', examplePath(name), '--train', '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as CostJson;
}

async function lensesWhen(c: LspClient, uri: string, ready: (ls: Lens[]) => boolean): Promise<Lens[]> {
  for (let i = 0; i < 600; i++) {
    const ls: Lens[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    if (ready(ls)) return ls;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the training lenses never arrived');
}

const trained = (ls: Lens[]) => ls.length > 0 && ls.every((l) => !/being computed/.test(l.command.title));

test('training lenses: each layer\'s FLOPs and the model\'s step time and peak equal cost --train --json', () =>
  withServer(async (c) => {
    const name = 'moe_decoder_lm.gshard';
    const text = example(name);
    const uri = freshUri('lm');
    c.open(uri, text);
    await c.settled(uri, 1);
    const lenses = await lensesWhen(c, uri, trained);
    const json = costTrainJson(name);
    const byFunc = new Map<string, number>();
    const model = 'moe_decoder_lm';
    for (const l of json.layers) {
      const func = l.name === '(top level)' ? model : l.name.split(' ')[0] ?? '';
      byFunc.set(func, (byFunc.get(func) ?? 0) + l.flops);
    }
    const on = (func: string, kind: 'layer' | 'model') => {
      const at = positionOf(text, `${kind} ${func}`, 0, kind.length + 1);
      return lenses.filter((l) => l.range.start.line === at.line && l.range.start.character === at.character);
    };
    let compared = 0;
    for (const [func, flops] of byFunc) {
      const here = on(func, func === model ? 'model' : 'layer');
      const f = here.find((l) => l.data?.flops !== undefined);
      assert.ok(f, `${func}: ${JSON.stringify(here)}`);
      assert.equal(f.data?.flops, flops, func);
      assert.match(f.command.title, /^training FLOPs [\d.]+ [KMG]?FLOP\/device( \(×\d instances\))? \(forward \+ backward/);
      compared++;
    }
    assert.equal(compared, 4, 'the model and its three layers (attention, ffn, moe_ffn)');
    const step = on(model, 'model').find((l) => l.data?.stepSeconds !== undefined);
    assert.ok(step, JSON.stringify(lenses));
    assert.equal(step.data?.stepSeconds, json.stepSeconds);
    assert.equal(step.data?.peakBytes, json.hbmBytesPerDevice);
    assert.equal(step.data?.optimizer, json.trainingProgram.optimizer);
    assert.match(step.command.title, /^training step [\d.]+ (µs|ms|s) \(sgd\), peak [\d.]+ KiB\/device$/);

    // hover on the gating weight: replicated, its gradient all-reduced over the batch axis
    const wg = positionOf(text, 'param wg', 0, 'param '.length);
    const h: { contents: { value: string } } = await c.request('textDocument/hover', c.at(uri, wg));
    assert.match(h.contents.value, /\*\*gradient\*\* `f32\[M, E\]`: from the param's annotation at 51:23/);
    assert.match(h.contents.value, /- reduction: all-reduce over x at 55:40 \(einsum at 55:40: contracting dim G is split/);
    const wi = positionOf(text, 'param wi: f32[E', 0, 'param '.length);
    const hi: { contents: { value: string } } = await c.request('textDocument/hover', c.at(uri, wi));
    assert.match(hi.contents.value, /\*\*gradient\*\* `f32\[E@x, M, H\]`: from the param's annotation at 52:26/);
    assert.match(hi.contents.value, /- reduction: no collective: each device computes the gradient of its own slice/);
  }, TRAIN));

test('costMode switches at runtime; a model without a scalar loss says why it has no training cost', () =>
  withServer(async (c) => {
    const text = example('moe_decoder_lm.gshard');
    const uri = freshUri('lm');
    c.open(uri, text);
    await c.settled(uri, 1);
    const before: Lens[] = await c.request('textDocument/codeLens', { textDocument: { uri } });
    assert.ok(before.some((l) => /^FLOPs /.test(l.command.title)), 'forward lenses by default');
    const wg = positionOf(text, 'param wg', 0, 'param '.length);
    const h: { contents: { value: string } } = await c.request('textDocument/hover', c.at(uri, wg));
    assert.doesNotMatch(h.contents.value, /gradient/, 'no gradient outside training mode');
    c.notify('workspace/didChangeConfiguration', { settings: { gshard: { costMode: 'train' } } });
    const after = await lensesWhen(c, uri, (ls) => ls.some((l) => /^training step /.test(l.command.title)));
    assert.ok(after.every((l) => /^training /.test(l.command.title)), JSON.stringify(after));

    const layerUri = freshUri('layer');
    c.open(layerUri, example('moe_layer.gshard'));
    await c.settled(layerUri, 1);
    const none = await lensesWhen(c, layerUri, trained);
    assert.ok(none.length > 0);
    for (const l of none) {
      assert.match(l.command.title,
        /^training cost: training needs the model's first result to be the scalar loss .*\[train-loss-not-scalar\]$/);
    }
  }));
