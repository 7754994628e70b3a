// Starts a server for one test and stops it afterwards, whatever the test does.

import { LspClient } from './lsp-client.js';

export async function withServer(fn: (c: LspClient) => Promise<void>, initializationOptions?: object): Promise<void> {
  const c = new LspClient();
  await c.initialize(initializationOptions);
  try {
    await fn(c);
  } finally {
    await c.stop();
  }
}

export const wholeFile = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
