// Starts the language server bundled in dist/server.js, on the editor's Node.js or on the one the
// `gshard.server.nodePath` setting names, and keeps the inlay-hint setting in step with the server.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

export function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const server = context.asAbsolutePath(path.join('dist', 'server.js'));
  const nodePath = vscode.workspace.getConfiguration('gshard').get<string>('server.nodePath', '').trim();
  if (nodePath) {
    // An explicit Node.js: run it as a plain process over stdio (the server speaks stdio only).
    const exec = { command: nodePath, args: [server, '--stdio'] };
    return { run: exec, debug: exec };
  }
  // The editor's own runtime (Electron's Node, or code-server's): fork the bundle with stdio transport.
  const fork = { module: server, transport: TransportKind.stdio } as const;
  return { run: fork, debug: fork };
}

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const inlayHints = vscode.workspace.getConfiguration('gshard').get<boolean>('inlayHints.enabled', true);
  const costMode = vscode.workspace.getConfiguration('gshard').get<string>('costMode', 'forward');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'gshard' }],
    outputChannel: output,
    // The server reads these at start and `gshard.inlayHints.enabled` / `gshard.costMode` on every change.
    initializationOptions: { inlayHints, costMode },
    synchronize: { configurationSection: 'gshard' },
  };
  return new LanguageClient('gshard', 'GShard Language Server', serverOptions(context), clientOptions);
}
