// Quick fixes: each diagnostic carries its fixes in `data` (did-you-mean replacements, the
// compiler's own fixes such as the annotation that avoids a full rematerialization).

import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import type { DiagnosticData } from './diagnostics.js';

export function codeActions(params: CodeActionParams): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of params.context.diagnostics) {
    const data = d.data as DiagnosticData | undefined;
    if (!data || !Array.isArray(data.fixes)) continue;
    for (const fix of data.fixes) {
      out.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        isPreferred: data.fixes.length === 1,
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    }
  }
  return out;
}
