// Where command results appear: read-only text documents beside the source (the SPMD program, the
// tile picture) and one webview for the cost page.

import * as vscode from 'vscode';

export const SCHEME = 'gshard-view';

/** Holds the text of each shown document; VS Code asks for it by URI and we tell it when it changes. */
export class ReadOnlyDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Shows `text` beside the active editor under a name derived from `title` (same title: same tab, refreshed). */
  async show(title: string, text: string, language = 'plaintext'): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${title.replace(/[\\/]/g, '_')}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(doc, language);
    return vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** The cost page in one webview panel, reused and refreshed by later calls. */
export class CostPanel {
  private panel: vscode.WebviewPanel | undefined;

  show(title: string, html: string): void {
    if (!this.panel) {
      // The page is self-contained (inline CSS and SVG); it needs no scripts and no local files.
      this.panel = vscode.window.createWebviewPanel('gshard.cost', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, localResourceRoots: [] });
      this.panel.onDidDispose(() => { this.panel = undefined; });
    }
    this.panel.title = title;
    this.panel.webview.html = html;
    this.panel.reveal(vscode.ViewColumn.Beside, true);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
