// A mesh over the device limit: one error, with the exact device count, and no cascade of
// "unknown axis" errors from checking the annotations against a stand-in mesh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { frontend } from '../src/pipeline.js';

test('a mesh over the device limit gives exactly one error, not unknown-axis errors after it', () => {
  const r = frontend('mesh m = [x = 65536, y = 4]\ndim B = 8\nmodel main(a: f32[B] @ [x]) {\n  b = relu(a)\n  return b\n}\n');
  assert.deepEqual(r.diagnostics.map((d) => d.code), ['limit-devices']);
});

test('the device count of a huge mesh is printed exactly', () => {
  const r = frontend('mesh m = [x = 4294967296, y = 4294967296]\ndim B = 8\nmodel main(a: f32[B]) {\n  b = relu(a)\n  return b\n}\n');
  const d = r.diagnostics.find((x) => x.code === 'limit-devices');
  assert.ok(d);
  assert.match(d.message, /18446744073709551616 devices exceeds/);
});

test('an axis unknown to a good mesh is still reported', () => {
  const r = frontend('mesh m = [x = 2]\ndim B = 8\nmodel main(a: f32[B] @ [z]) {\n  b = relu(a)\n  return b\n}\n');
  assert.ok(r.diagnostics.some((d) => d.code === 'shard-unknown-axis'));
});
