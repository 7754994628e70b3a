// Broken framing on the server's stdin, over real stdio: each bad frame is logged and skipped, and
// the next well-framed request is answered; a flood with no header in it ends the process non-zero.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient } from './lsp-client.js';

const URI = 'file:///framing.gshard';
const TEXT = 'mesh m = [x = 2]\ndim B = 4\nmodel main(a: f32[B]) {\n  b = relu(a)\n  return b\n}\n';

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms); });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The server's stderr and stdout are two pipes, so its log line can arrive after the answer it
 * logged before: wait (up to `ms`) for the text rather than reading stderr at the moment of the answer.
 */
async function logged(c: LspClient, from: number, pattern: RegExp, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!pattern.test(c.stderr.slice(from))) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

function frame(body: string, length = Buffer.byteLength(body)): string {
  return `Content-Length: ${length}\r\n\r\n${body}`;
}

const BODY = JSON.stringify({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: {} } });

/** Each case: the bytes of a broken frame (the server must skip them and go on answering). */
const CASES: Record<string, string | Buffer> = {
  'Content-Length too small': frame(BODY, BODY.length - 7),
  'Content-Length too large': frame(BODY, BODY.length + 40),
  'non-numeric Content-Length': frame(BODY, 'abc' as unknown as number),
  'negative Content-Length': `Content-Length: -12\r\n\r\n${BODY}`,
  'Content-Length 2^53': frame(BODY, 2 ** 53),
  'Content-Length 1e3': `Content-Length: 1e3\r\n\r\n${BODY}`,
  'missing header': BODY,
  'header without the blank line': `Content-Length: ${BODY.length}\r\n${BODY}`,
  'a run of NUL bytes': Buffer.alloc(10_000),
  'a body that is not JSON': frame('not json at all'),
  'Content-Length far too large, body cut short': `Content-Length: 100000\r\n\r\n{"jsonrpc": "2.0", "meth`,
};

describe('language server framing', () => {
  it('after each broken frame the server logs it, resynchronises and answers the next request', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      c.open(URI, TEXT);
      await c.diagnostics(URI);
      const ask = () => c.request('textDocument/documentSymbol', { textDocument: { uri: URI } });
      for (const [name, bytes] of Object.entries(CASES)) {
        const before = c.stderr.length;
        c.sendRaw(bytes);
        const symbols = await within(ask(), 20_000, name);
        assert.ok(Array.isArray(symbols) && symbols.length > 0, name);
        assert.ok(c.alive, name);
        assert.ok(await logged(c, before, /bad message framing/, 20_000), `${name}: not logged`);
      }
    } finally {
      await c.stop();
    }
  });

  it('a request whose header is broken is not answered, but the one after it is', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      c.open(URI, TEXT);
      const lost = JSON.stringify({ jsonrpc: '2.0', id: 9999, method: 'textDocument/documentSymbol', params: { textDocument: { uri: URI } } });
      c.sendRaw(frame(lost, 2 ** 53));
      const symbols = await within(c.request('textDocument/documentSymbol', { textDocument: { uri: URI } }), 20_000, 'after 2^53');
      assert.ok(Array.isArray(symbols));
    } finally {
      await c.stop();
    }
  });

  it('megabytes with no header in them end the server with exit 1 and a log line (the client restarts it)', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      c.sendRaw(Buffer.alloc(6 * 1024 * 1024));
      const code = await within(c.exited, 20_000, 'exit');
      assert.equal(code, 1);
      assert.ok(await logged(c, 0, /lost message framing/, 5_000), 'no "lost message framing" line on stderr');
    } finally {
      await c.stop();
    }
  });
});

describe('request params', () => {
  it('null or scalar params answer -32602 Invalid params (not -32603 with a JavaScript message), and nothing is logged as a failure', async () => {
    const c = new LspClient();
    try {
      await c.initialize();
      for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/rename']) {
        for (const params of [null, 5, 'x']) {
          const e = await within(c.request(method, params).then(() => undefined, (err: Error & { code?: number }) => err), 20_000, method);
          assert.ok(e, `${method} ${JSON.stringify(params)} was answered without an error`);
          assert.equal(e.code, -32602, `${method} ${JSON.stringify(params)}: ${e.message}`);
          assert.doesNotMatch(e.message, /Cannot read|undefined|null \(/);
        }
      }
      assert.deepEqual(c.failures, []);
      assert.ok(Array.isArray(await c.request('textDocument/documentSymbol', { textDocument: { uri: URI } })));
    } finally {
      await c.stop();
    }
  });
});
