// The small things a user trips on: --entry, axis typos, silent annotation conflicts, docs paths.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixture, gshard, ROOT } from './helpers.js';

test('--entry with an unknown model lists the models and points at them, not 1:1', () => {
  const r = gshard(['check', 'examples/moe_layer.gshard', '--entry', 'foo']);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /moe_layer\.gshard:16:7: error\[name-unknown-model\]: No model named 'foo' \(--entry\); the file's models: moe_layer\./);
  assert.match(gshard(['check', 'examples/moe_layer.gshard', '--entry', 'moe_layr']).stdout, /Did you mean 'moe_layer'\?/);
});

test('shard-unknown-axis: a transposed axis name gets a did-you-mean', () => {
  const r = gshard(['check', fixture('axis_typo.gshard')]);
  assert.match(r.stdout, /error\[shard-unknown-axis\]: Unknown mesh axis 'modle'.*Did you mean 'model'\?/);
});

test('shard-conflict fires when annotations disagree at an einsum, also when one came through another op', () => {
  const r = gshard(['check', fixture('conflict_through_op.gshard')]);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /:8:7: warning\[shard-conflict\]: Conflicting shardings meet at einsum: dim G/);
  assert.match(r.stdout, /note: a2 gets its sharding from the annotation of a here/);
});

test('docs point only at files inside the repository', () => {
  for (const f of readdirSync(join(ROOT, 'docs')).filter((n) => n.endsWith('.md'))) {
    assert.doesNotMatch(readFileSync(join(ROOT, 'docs', f), 'utf8'), /\/work\/|shared\/reference/, f);
  }
});
