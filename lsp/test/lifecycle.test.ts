// The server process: initialize handshake and capabilities, both entry points, clean shutdown.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { LspClient } from './lsp-client.js';
import { MOE, freshUri } from './fixtures.js';

test('initialize advertises every feature the server implements', async () => {
  const c = new LspClient();
  try {
    const init = await c.initialize();
    const caps = init.capabilities;
    assert.equal(init.serverInfo.name, 'gshard-lsp');
    for (const k of ['hoverProvider', 'inlayHintProvider', 'codeLensProvider', 'completionProvider', 'signatureHelpProvider',
      'definitionProvider', 'referencesProvider', 'renameProvider', 'documentSymbolProvider', 'semanticTokensProvider',
      'documentFormattingProvider', 'foldingRangeProvider', 'codeActionProvider']) {
      assert.ok(caps[k], `missing capability ${k}`);
    }
    assert.ok(caps.semanticTokensProvider.legend.tokenTypes.includes('typeParameter'));
  } finally {
    assert.equal(await c.stop(), 0);
  }
});

test('`gshard lsp --stdio` (the dispatcher) starts the same server', async () => {
  const bin = fileURLToPath(new URL('../../../cli/bin/gshard.js', import.meta.url));
  const c = new LspClient(['lsp', '--stdio'], bin);
  try {
    await c.initialize();
    const uri = freshUri();
    c.open(uri, MOE.replace('wg)', 'wgg)'));
    const d = await c.diagnostics(uri);
    assert.deepEqual(d.diagnostics.map((x) => x.code), ['name-unresolved']);
  } finally {
    assert.equal(await c.stop(), 0);
  }
});

test('an unknown argument is refused with exit code 2', async () => {
  const c = new LspClient(['--tcp']);
  assert.equal(await c.exited, 2);
  assert.match(c.stderr, /unknown argument --tcp/);
});
