// Compiler diagnostics -> LSP diagnostics: code, severity, related notes, and the quick fix kept in
// `data` so code actions need not re-run the compiler.

import type { Diagnostic as GDiagnostic, Fix } from '@gshard/grammar';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { toRange } from './convert.js';

/** What a code action needs from a diagnostic, carried in its `data`. */
export interface DiagnosticData {
  readonly fixes: { title: string; edits: { range: ReturnType<typeof toRange>; newText: string }[] }[];
}

const SEVERITY = {
  error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information,
} as const;

export function toLspDiagnostic(d: GDiagnostic, uri: string): Diagnostic {
  // The compiler attaches its fixes (did-you-mean replacements among them); the message is never parsed.
  const fixes: DiagnosticData['fixes'] = d.fix ? [fixToData(d.fix)] : [];
  const out: Diagnostic = {
    range: toRange(d.span),
    severity: SEVERITY[d.severity] ?? DiagnosticSeverity.Error,
    code: d.code,
    source: 'gshard',
    message: d.message,
  };
  if (d.related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({ message: r.message, location: { uri, range: toRange(r.span) } }));
  }
  if (fixes.length > 0) out.data = { fixes } satisfies DiagnosticData;
  return out;
}

function fixToData(fix: Fix): DiagnosticData['fixes'][number] {
  return { title: fix.title, edits: fix.edits.map((e) => ({ range: toRange(e.span), newText: e.newText })) };
}

/** Compiler diagnostics sorted and deduplicated (two stages may report the same problem). */
export function collect(ds: readonly GDiagnostic[]): GDiagnostic[] {
  const seen = new Set<string>();
  const out: GDiagnostic[] = [];
  for (const d of ds) {
    const key = `${d.code}|${d.span.start.offset}|${d.span.end.offset}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.span.start.offset - b.span.start.offset);
}
