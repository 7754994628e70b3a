// The slow stages in the background: an edit stops the run on the old text (the server's trace,
// GSHARD_LSP_TRACE=1, shows the worker answering "stale"), nothing of the old text is published
// after the new one, and hover reads the new text's shardings.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';
import { chainOfLayers, freshUri, positionOf } from './fixtures.js';

/** A client whose server writes its timing trace to stderr. */
function tracedClient(): LspClient {
  const before = process.env['GSHARD_LSP_TRACE'];
  process.env['GSHARD_LSP_TRACE'] = '1';
  try { return new LspClient(); } finally {
    if (before === undefined) delete process.env['GSHARD_LSP_TRACE']; else process.env['GSHARD_LSP_TRACE'] = before;
  }
}

async function until(cond: () => boolean, what: string, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

test('an edit stops the slow stages of the old text, and only the new text\'s result is published', async () => {
  const c = tracedClient();
  await c.initialize(); // debounce 5 ms, idle 20 ms
  try {
    const uri = freshUri('chain');
    const v1 = chainOfLayers(100);
    // The last layer's params become replicated: its `h` is no longer split on `model`.
    const v2 = chainOfLayers(100, { wi: 'replicate', wo: 'replicate' });
    c.open(uri, v1);
    await c.diagnosticsFor(uri, 1);
    // The worker has the old text (job 1); edit while it propagates and partitions (~0.2-1 s here).
    await until(() => /worker-post 1\b/.test(c.stderr), 'the slow stages to start');
    const version = c.change(uri, v2);
    await c.settled(uri, version);
    assert.match(c.stderr, /worker-message id=1 stale/, 'the run on the old text stopped early');
    const firstNew = c.published.findIndex((p) => p.uri === uri && p.version === version);
    assert.ok(!c.published.slice(firstNew).some((p) => p.uri === uri && p.version === 1), 'nothing of version 1 after version 2');
    const h = await c.request('textDocument/hover', c.at(uri, positionOf(v2, 'h = relu', 99)));
    assert.match(h.contents.value, /f32\[B@data, S, H\]/);
    const before = await c.request('textDocument/hover', c.at(uri, positionOf(v2, 'h = relu', 98)));
    assert.match(before.contents.value, /f32\[B@data, S, H@model\]/);
    assert.deepEqual(c.failures, []);
  } finally {
    await c.stop();
  }
});
