// Entry of the GShard extension: starts the language client, registers the commands and the views
// they show results in, and restarts the server when its Node.js setting changes.

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient } from './client';
import { registerCommands } from './commands';
import { CostPanel, ReadOnlyDocuments, SCHEME } from './views';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('GShard', { log: true });
  const documents = new ReadOnlyDocuments();
  const cost = new CostPanel();
  context.subscriptions.push(output, documents, cost, vscode.workspace.registerTextDocumentContentProvider(SCHEME, documents));
  context.subscriptions.push(...registerCommands({ client: () => client, documents, cost }));

  const start = async () => {
    client = createClient(context, output);
    try {
      await client.start();
    } catch (e) {
      output.appendLine(`The GShard language server did not start: ${e instanceof Error ? e.message : String(e)}`);
      void vscode.window.showErrorMessage('GShard: the language server did not start (see the "GShard" output).');
    }
  };
  const restart = async () => {
    const old = client;
    client = undefined;
    await old?.stop().catch(() => {});
    await start();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('gshard.restartServer', restart),
    // The Node.js path decides how the server process is launched, so it needs a new process.
    vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('gshard.server.nodePath')) void restart(); }),
  );
  await start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
