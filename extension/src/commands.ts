// The three GShard commands: each asks the server for its result on the active .gshard editor and
// shows it (the SPMD program and the tiles as read-only documents, the cost page in a webview).

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { COST_REPORT, PARTITIONED_PROGRAM, TENSOR_SHARDING, type CommandResult } from './protocol';
import type { CostPanel, ReadOnlyDocuments } from './views';

export interface CommandContext {
  readonly client: () => LanguageClient | undefined;
  readonly documents: ReadOnlyDocuments;
  readonly cost: CostPanel;
}

/** The active editor when it shows a .gshard file; otherwise says why nothing happens. */
function gshardEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'gshard') return editor;
  void vscode.window.showWarningMessage('GShard: open a .gshard file first.');
  return undefined;
}

async function ask(ctx: CommandContext, method: string, params: object, what: string): Promise<CommandResult | undefined> {
  const client = ctx.client();
  if (!client?.isRunning()) {
    void vscode.window.showErrorMessage('GShard: the language server is not running (see the "GShard" output).');
    return undefined;
  }
  // The server may need seconds to partition a large model; show that something is happening.
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `GShard: ${what}…` },
    () => client.sendRequest<CommandResult>(method, params),
  );
  if (!result.ok) void vscode.window.showWarningMessage(`GShard: ${result.message}`);
  return result.ok ? result : undefined;
}

export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('gshard.showPartitionedProgram', async () => {
      const editor = gshardEditor();
      if (!editor) return;
      const r = await ask(ctx, PARTITIONED_PROGRAM, { uri: editor.document.uri.toString() }, 'partitioning');
      if (r?.ok) await ctx.documents.show(r.title, r.text);
    }),
    vscode.commands.registerCommand('gshard.showCostReport', async () => {
      const editor = gshardEditor();
      if (!editor) return;
      const r = await ask(ctx, COST_REPORT, { uri: editor.document.uri.toString() }, 'costing');
      if (r?.ok) ctx.cost.show(r.title, r.text);
    }),
    vscode.commands.registerCommand('gshard.showTensorSharding', async () => {
      const editor = gshardEditor();
      if (!editor) return;
      const params = { uri: editor.document.uri.toString(), position: editor.selection.active };
      const r = await ask(ctx, TENSOR_SHARDING, params, 'drawing tiles');
      if (r?.ok) await ctx.documents.show(r.title, r.text);
    }),
  ];
}
