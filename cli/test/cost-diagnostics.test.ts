// `gshard cost --train` on a model that does not fit: each finding once, on the tensor that overflows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gshard } from './helpers.js';

// The fixture is the encoder-only 600B model (`repeat 18` pairs) as examples/gshard_600b.gshard was before it became
// the paper's encoder-decoder row (which fits with the default --remat=auto); --remat=none makes it overflow.
const FILE = 'cli/test/fixtures/pairs_600b.gshard';

test('cost --train: the HBM overflow is reported once per finding, at the overflowing tensor, not at 1:1', () => {
  const r = gshard(['cost', FILE, '--train-estimate', '--remat=none']);
  const findings = r.stderr.split('\n').filter((l) => /error\[cost-hbm-overflow\]/.test(l));
  assert.ok(findings.length >= 2, r.stderr);
  assert.ok(findings.every((l) => !l.startsWith(`${FILE}:1:1:`)), findings.join('\n'));
  assert.match(findings[0]!, /:33:12: error\[cost-hbm-overflow\]: needs [\d.]+ GiB of HBM per core/);
  // not again in the table's footer on stdout
  assert.doesNotMatch(r.stdout, /cost-hbm-overflow/);
  // one line per statement: logits is one finding, not one per value or per instance
  const messages = findings.map((l) => l.replace(/^[^ ]+ /, ''));
  assert.equal(messages.filter((m) => /logits/.test(m)).length, 1, findings.join('\n'));
});
