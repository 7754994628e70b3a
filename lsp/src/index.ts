// Public entry of @gshard/lsp: starts the language server on stdio (the only transport for now).

import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { serve } from './server.js';

/** Starts the server; `argv` are the arguments after `gshard lsp` (e.g. `--stdio`). */
export function startServer(argv: readonly string[]): void {
  const unknown = argv.filter((a) => a !== '--stdio' && !a.startsWith('--clientProcessId'));
  if (unknown.length > 0) {
    process.stderr.write(`gshard-lsp: unknown argument ${unknown[0]}; usage: gshard lsp --stdio\n`);
    process.exit(2);
  }
  // Anything written to stdout would corrupt the protocol stream: route console output to stderr.
  console.log = console.error;
  const connection = createConnection(ProposedFeatures.all, new StreamMessageReader(process.stdin), new StreamMessageWriter(process.stdout));
  serve(connection);
}
