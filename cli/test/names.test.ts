// Names of values inside repeated layers, as a user types them back: show, explain, --emit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gshard } from './helpers.js';

// The encoder-only 600B model (`repeat 18` pairs), as examples/gshard_600b.gshard was before it became the paper's
// encoder-decoder row.
const BIG = 'cli/test/fixtures/pairs_600b.gshard';

test('show: a path into layer instances works; an ambiguous name lists the candidates', () => {
  const ok = gshard(['show', BIG, 'pair[0].attention[1].logits']);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^f32\[B@x, N, L, T\]/);
  const two = gshard(['show', BIG, 'pair[0].attention.logits']);
  assert.equal(two.status, 1);
  assert.match(two.stderr, /names 2 tensors/);
  assert.match(two.stderr, /^ {2}pair\[0\]\.attention\[0\]\.logits$/m);
  assert.match(two.stderr, /^ {2}pair\[0\]\.attention\[1\]\.logits$/m);
  const many = gshard(['show', BIG, 'h']);
  assert.equal(many.status, 1);
  assert.match(many.stderr, /'h' names 36 tensors/);
  assert.match(many.stderr, /pair\[0\]\.moe_ffn\.h/);
});

test('show: a name the model binds resolves to its value; an unknown one gets a did-you-mean', () => {
  const y = gshard(['show', BIG, 'y']);
  assert.equal(y.status, 0, y.stderr);
  assert.match(y.stdout, /^pair\[17\]\.moe_ffn\./);
  const typo = gshard(['show', BIG, 'logitz']);
  assert.equal(typo.status, 1);
  assert.match(typo.stderr, /Did you mean 'logits'\?/);
});

test('explain: each collective says which instance it is in, and reasons use the same names', () => {
  const r = gshard(['explain', BIG]);
  assert.match(r.stdout, /^2\. all_to_all over x in pair\[0\]\.moe_ffn at /m);
  assert.match(r.stdout, /produces pair\[0\]\.moe_ffn\.expert_inputs/);
  assert.doesNotMatch(r.stdout, /y\.0\.result/);
});

test('--emit sharded: instance paths, builtins\' temporaries hidden unless --all', () => {
  const moe = gshard(['compile', 'examples/moe_layer.gshard', '--emit', 'sharded']);
  assert.doesNotMatch(moe.stdout, /%combine\.gates/);
  assert.match(moe.stdout, /^%combine /m);
  assert.match(moe.stdout, /40 temporaries .* --all shows them/);
  const all = gshard(['compile', 'examples/moe_layer.gshard', '--emit', 'sharded', '--all']);
  assert.match(all.stdout, /%combine\.gates/);
  const dense = gshard(['compile', 'examples/dense_transformer.gshard', '--emit', 'sharded']);
  assert.match(dense.stdout, /^%block\[1\]\.wq /m);
});
