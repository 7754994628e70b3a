// Completion by context: annotation forms and mesh axes after `@`, dims inside a type, dtypes after
// `:`, keywords at the start of a line, and ops, layers, values and dims inside expressions.

import { BUILTINS, builtinSignature, DTYPES, type SymbolDef } from '@gshard/compiler';
import type { Program } from '@gshard/grammar';
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver/node';
import { funcAt } from './ast-walk.js';
import type { DocModel } from './doc-model.js';

type Context = 'none' | 'annotation-form' | 'annotation-axes' | 'type-dims' | 'dtype' | 'top' | 'body' | 'expression';

/** Classifies the cursor by the text before it on its line (robust on broken files). */
export function completionContext(linePrefix: string, inFunc: boolean): Context {
  if (/\/\//.test(linePrefix) || (linePrefix.split('"').length - 1) % 2 === 1) return 'none';
  if (/@\s*[A-Za-z_]*$/.test(linePrefix)) return 'annotation-form';
  if (/@\s*\[[^\]]*$/.test(linePrefix) || /(replicated|unreduced)\s*\([^)]*$/.test(linePrefix)) {
    return 'annotation-axes';
  }
  if (/\b(f32|bf16|i32|bool)\s*\[[^\]]*$/.test(linePrefix)) return 'type-dims';
  const afterColon = /:\s*[a-z0-9]*$/.test(linePrefix);
  const inResults = /->\s*\(?\s*[a-z0-9]*$/.test(linePrefix) || /->\s*\([^)]*,\s*[a-z0-9]*$/.test(linePrefix);
  if (afterColon || inResults) return 'dtype';
  if (/^\s*[A-Za-z_]*$/.test(linePrefix)) return inFunc ? 'body' : 'top';
  return 'expression';
}

export function completions(
  model: DocModel | undefined, program: Program, offset: number, linePrefix: string,
): CompletionItem[] {
  const func = funcAt(program, offset);
  const inBody = func !== undefined && (func.bodySpan?.start.offset ?? func.span.start.offset) < offset;
  const ctx = completionContext(linePrefix, inBody);
  const defs = model?.defs ?? [];
  const axes = [...new Map(defs.filter((d) => d.kind === 'axis').map((d) => [d.name, d])).values()];
  const dims = defs.filter((d) => d.kind === 'dim');
  const item = (
    label: string, kind: CompletionItemKind, detail?: string, extra: Partial<CompletionItem> = {},
  ): CompletionItem => ({ label, kind, ...(detail ? { detail } : {}), ...extra });
  const dimSize = (name: string) => model?.analysis.front.lowered.dims.get(name)?.size ?? '?';
  const dimItems = () =>
    dims.map((d) => item(d.name, CompletionItemKind.TypeParameter, `dim ${d.name} = ${dimSize(d.name)}`));
  const keyword = (k: string) => item(k, CompletionItemKind.Keyword);
  switch (ctx) {
    case 'none': return [];
    case 'annotation-form': {
      const axisList = axes.map((a) => a.name).join(', ') || 'x';
      return [
        item('replicate', CompletionItemKind.Keyword, 'every device holds the whole tensor'),
        item('split', CompletionItemKind.Snippet, 'split(dim, n): GShard split',
          { insertText: 'split(${1:dim}, ${2:n})', insertTextFormat: InsertTextFormat.Snippet }),
        item('shard', CompletionItemKind.Snippet, 'shard(device_assignment)',
          { insertText: 'shard([${1}])', insertTextFormat: InsertTextFormat.Snippet }),
        item('[…]', CompletionItemKind.Snippet, `mesh axes per dim (${axisList})`,
          { insertText: '[${1:_}]', insertTextFormat: InsertTextFormat.Snippet, filterText: '[' }),
      ];
    }
    case 'annotation-axes':
      return [
        ...axes.map((a) => item(a.name, CompletionItemKind.EnumMember, `mesh axis of ${a.scope ?? '?'}`)),
        item('_', CompletionItemKind.Operator, 'not split (closed)'),
        item('?', CompletionItemKind.Operator, 'not split, open to propagation'),
        item('replicated', CompletionItemKind.Keyword, 'replicated(axes)'),
        item('unreduced', CompletionItemKind.Keyword, 'unreduced(axes): a pending partial sum'),
      ];
    case 'type-dims': return dimItems();
    case 'dtype': return DTYPES.map((t) => item(t, CompletionItemKind.TypeParameter, 'dtype'));
    case 'top': return ['mesh', 'dim', 'layer', 'model'].map(keyword);
    case 'body': return [...['param', 'return'].map(keyword), ...valueItems()];
    case 'expression': return [...opItems(), ...layerItems(), ...valueItems(), ...dimItems(), keyword('repeat')];
  }

  function opItems(): CompletionItem[] {
    return [...BUILTINS.values()].map((b) => item(b.name, CompletionItemKind.Function, builtinSignature(b), {
      documentation: b.doc, insertText: `${b.name}($1)`, insertTextFormat: InsertTextFormat.Snippet,
    }));
  }
  function layerItems(): CompletionItem[] {
    return defs.filter((d) => d.kind === 'layer').map((d) => item(d.name, CompletionItemKind.Function, 'layer'));
  }
  function valueItems(): CompletionItem[] {
    if (!func) return [];
    const seen = new Set<string>();
    const isValue = (d: SymbolDef) => d.kind === 'input' || d.kind === 'param' || d.kind === 'binding';
    return defs.filter((d) => d.scope === func.name.name && isValue(d) && d.span.end.offset < offset)
      .filter((d) => !seen.has(d.name) && seen.add(d.name) !== undefined)
      .map((d) => item(d.name, d.kind === 'param' ? CompletionItemKind.Field : CompletionItemKind.Variable, d.kind));
  }
}
