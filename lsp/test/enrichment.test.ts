// The slow stages' result on the wire (enrichment.ts): what the main thread decodes equals what the
// compiler computed (every value's sharding and origin, the collectives, per-device FLOPs), and a
// stopped run returns nothing.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allValues, analyze, Stage } from '@gshard/compiler';
import { Enrichment, enrich } from '../src/enrichment.js';
import { fullAnalysis } from '../src/full-analysis.js';
import { opFlops } from '../src/costs.js';
import { example } from './examples.js';
import { MLP } from './fixtures.js';

const plain = (x: unknown) => JSON.parse(JSON.stringify(x)) as unknown;

for (const [name, text] of [['moe_layer.gshard', example('moe_layer.gshard')], ['MLP', MLP]] as const) {
  test(`decoded enrichment of ${name} equals the compiler's shardings, origins, collectives and FLOPs`, () => {
    const a = analyze(text, Stage.Partitioned);
    assert.ok(a.sharded && a.spmd, 'the example partitions');
    const e = new Enrichment(enrich(a, []));
    assert.equal(e.propagated, true);
    assert.equal(e.partitioned, true);
    let withOrigin = 0;
    for (const v of allValues(a.sharded)) {
      if (!v.sharding) { assert.equal(e.shardingOf(v.name), undefined); continue; }
      assert.deepEqual(plain(e.shardingOf(v.name)), plain(v.sharding), v.name);
      assert.deepEqual(plain(e.originOf(v.name)), plain(v.origin), v.name);
      if (v.origin) withOrigin++;
    }
    assert.ok(withOrigin > 0, 'some values carry an origin');
    assert.equal(e.shardingOf('no such value'), undefined);
    assert.equal(e.originOf('no such value'), undefined);
    const collectives = a.spmd.ops.filter((op) => ['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute'].includes(op.kind));
    assert.deepEqual(e.collectives.map((c) => c.kind), collectives.map((op) => op.kind));
    assert.ok(e.collectives.every((c) => typeof c.span.start.line === 'number'), 'spans keep their positions');
    const whole = a.front.program.span;
    assert.equal(e.localFlopsWithin(whole), a.spmd.ops.reduce((n, op) => n + opFlops(op), 0));
    assert.equal(e.localFlopsWithin({ start: whole.start, end: whole.start }), 0);
  });
}

test('a background run that is told it is superseded returns nothing; otherwise a result', () => {
  assert.equal(fullAnalysis(MLP, () => true), undefined);
  assert.ok(fullAnalysis(MLP)?.enrichment.propagated);
});
