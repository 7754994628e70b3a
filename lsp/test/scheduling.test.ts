// When the server checks: an edit after a quiet spell is checked at once (it does not wait out the
// debounce), while edits closer together than the debounce are coalesced into one check of the last.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MLP, freshUri } from './fixtures.js';
import { withServer } from './server-harness.js';

const within = <T>(p: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(what)), ms))]);

test('an isolated edit is checked without waiting for the debounce', () => withServer(async (c) => {
  const uri = freshUri('quiet');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const version = c.change(uri, MLP.replace('relu(einsum', 'relu(einsumm'));
  // The debounce is a minute: diagnostics that come much sooner were not held back by it.
  const p = await within(c.diagnosticsFor(uri, version), 30_000, 'the edit waited for the debounce');
  assert.ok(p.diagnostics.some((d) => d.severity === 1), 'the typo is reported');
}, { debounceMs: 60_000, idleMs: 60_000 }));

test('a burst of edits is checked once it pauses, for its last text only (plus at most its first edit)', () => withServer(async (c) => {
  const uri = freshUri('burst');
  c.open(uri, MLP);
  await c.diagnosticsFor(uri, 1);
  const texts = ['relu(einsumm', 'relu(einsu', 'relu(eins', 'relu(ein', 'relu(einsum'];
  let version = 1;
  for (const t of texts) version = c.change(uri, MLP.replace('relu(einsum', t));
  const last = await c.diagnosticsFor(uri, version);
  assert.deepEqual(last.diagnostics.filter((d) => d.severity === 1), [], 'the final text is valid');
  const checked = new Set(c.published.filter((p) => p.uri === uri).map((p) => p.version));
  for (let v = 3; v < version; v++) assert.ok(!checked.has(v), `version ${v} of the burst was checked`);
}, { debounceMs: 300, idleMs: 60_000 }));
