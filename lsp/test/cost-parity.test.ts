// One FLOPs count: the code lens of each layer and model shows the FLOPs `gshard cost --json` reports
// for that layer (the lens sums every instance's ops inside the layer's text; the report lists each
// instance as `LAYER INSTANCE`, and the model's own ops as `(top level)`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { analyze, Stage } from '@gshard/compiler';
import type { FuncDecl } from '@gshard/grammar';
import { Enrichment, enrich } from '../src/enrichment.js';
import { docModel } from '../src/doc-model.js';
import { layerCost } from '../src/costs.js';
import { example } from './examples.js';

const bin = fileURLToPath(new URL('../../../cli/bin/gshard.js', import.meta.url));
const examplePath = (name: string) => fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url));

interface CostJson { layers: { name: string; flops: number }[] }

/** `gshard cost FILE --json`, as a user runs it. */
function costJson(name: string): CostJson {
  const r = spawnSync(process.execPath, [bin, 'cost', examplePath(name), '--json'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as CostJson;
}

const EXAMPLES = ['moe_transformer.gshard', 'dense_transformer.gshard', 'moe_layer.gshard', 'data_parallel_mlp.gshard'];

for (const name of EXAMPLES) {
  test(`the code-lens FLOPs of each layer of ${name} equal gshard cost --json's`, () => {
    const text = example(name);
    const a = analyze(text, Stage.Partitioned);
    assert.ok(a.spmd && a.front.module, 'the example partitions');
    const model = docModel(a, new Enrichment(enrich(a, [])));
    const funcs = a.front.program.items.filter((i): i is FuncDecl => i.kind === 'FuncDecl');
    const fromCli = new Map<string, number>();
    for (const l of costJson(name).layers) {
      const func = l.name === '(top level)' ? funcs.find((f) => f.isModel)!.name.name : l.name.split(' ')[0]!;
      assert.ok(funcs.some((f) => f.name.name === func), `cost layer ${l.name} names a layer of the file`);
      fromCli.set(func, (fromCli.get(func) ?? 0) + l.flops);
    }
    let compared = 0;
    for (const f of funcs) {
      const lens = layerCost(f, model, a.front.module, 1);
      assert.equal(lens.perDevice, true);
      assert.equal(lens.flops, fromCli.get(f.name.name) ?? 0, `${name}: ${f.name.name}`);
      if (lens.flops > 0) compared++;
    }
    assert.ok(compared >= 1, 'at least one layer has FLOPs');
  });
}
