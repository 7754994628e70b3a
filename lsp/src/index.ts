// Public entry of @gshard/lsp: starts the language server on stdio (the only transport for now).

import {
  createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Message,
} from 'vscode-languageserver/node';
import { serve } from './server.js';
import { guardFraming } from './framing.js';

/** Starts the server; `argv` are the arguments after `gshard lsp` (e.g. `--stdio`). */
export function startServer(argv: readonly string[]): void {
  const unknown = argv.filter((a) => a !== '--stdio' && !a.startsWith('--clientProcessId'));
  if (unknown.length > 0) {
    process.stderr.write(`gshard-lsp: unknown argument ${unknown[0]}; usage: gshard lsp --stdio\n`);
    process.exit(2);
  }
  // Anything written to stdout would corrupt the protocol stream: route console output to stderr.
  console.log = console.error;
  // broken framing is skipped with a log line (or, past recovery, ends the process so the client restarts it)
  const writer = new StreamMessageWriter(process.stdout);
  const input = guardFraming(process.stdin, {
    log: (m) => process.stderr.write(`${m}\n`),
    fatal: (m) => { process.stderr.write(`${m}\n`); process.exit(1); },
    // through the connection's own writer, so the answer is never interleaved with another message
    invalidParams: (id, _method, message) =>
      void writer.write({ jsonrpc: '2.0', id, error: { code: -32602, message } } as Message),
  });
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(input), writer);
  serve(connection);
}
