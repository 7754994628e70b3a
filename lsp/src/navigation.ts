// Go to definition, references, rename (with prepareRename) and the outline.

import type { Program, Span } from '@gshard/grammar';
import {
  ResponseError, SymbolKind, type DocumentSymbol, type Location, type Range, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { toRange } from './convert.js';
import type { DocModel } from './doc-model.js';

export function definition(model: DocModel, uri: string, offset: number): Location | null {
  const hit = model.symbolAt(offset);
  return hit ? { uri, range: toRange(hit.def.span) } : null;
}

export function references(model: DocModel, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const hit = model.symbolAt(offset);
  if (!hit) return [];
  const spans = model.occurrences(hit.def);
  return (includeDeclaration ? spans : spans.slice(1)).map((s) => ({ uri, range: toRange(s) }));
}

export function prepareRename(model: DocModel, offset: number): { range: Range; placeholder: string } | null {
  const hit = model.symbolAt(offset);
  return hit ? { range: toRange(hit.span), placeholder: hit.def.name } : null;
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set(['mesh', 'dim', 'layer', 'model', 'param', 'return', 'repeat', '_']);

export function rename(model: DocModel, uri: string, offset: number, newName: string): WorkspaceEdit | null {
  const hit = model.symbolAt(offset);
  if (!hit) return null;
  if (!IDENT.test(newName) || RESERVED.has(newName)) {
    throw new ResponseError(-32602, `'${newName}' is not a valid name: use letters, digits and _, not a keyword`);
  }
  const edits = model.occurrences(hit.def).map((s: Span) => ({ range: toRange(s), newText: newName }));
  return { changes: { [uri]: edits } };
}

export function documentSymbols(program: Program): DocumentSymbol[] {
  const sym = (
    name: string, kind: SymbolKind, span: Span, sel: Span, detail?: string, children?: DocumentSymbol[],
  ): DocumentSymbol => ({
    name: name || '?', kind, range: toRange(span), selectionRange: toRange(sel),
    ...(detail ? { detail } : {}), ...(children ? { children } : {}),
  });
  const typeText = (t: { dtype: { name: string }; dims: readonly { name: string }[] }) =>
    `${t.dtype.name}[${t.dims.map((d) => d.name).join(', ')}]`;
  return program.items.map((item) => {
    switch (item.kind) {
      case 'MeshDecl':
        return sym(item.name.name, SymbolKind.Namespace, item.span, item.name.span,
          item.topology === 'tpu_v3' ? 'tpu_v3' : 'mesh',
          item.axes.map((a) => sym(a.name.name, SymbolKind.EnumMember, a.span, a.name.span, 'axis')));
      case 'DimDecl':
        return sym(item.name.name, SymbolKind.Constant, item.span, item.name.span, 'dim');
      case 'FuncDecl': {
        const children: DocumentSymbol[] =
          item.inputs.map((i) => sym(i.name.name, SymbolKind.Variable, i.span, i.name.span, typeText(i.type)));
        for (const s of item.body) {
          if (s.kind === 'ParamDecl') {
            children.push(sym(s.name.name, SymbolKind.Field, s.span, s.name.span, `param ${typeText(s.type)}`));
          }
          if (s.kind === 'Binding') {
            for (const n of s.names) children.push(sym(n.name, SymbolKind.Variable, s.span, n.span));
          }
        }
        return sym(item.name.name, item.isModel ? SymbolKind.Class : SymbolKind.Function, item.span, item.name.span,
          item.isModel ? 'model' : 'layer', children);
      }
    }
  });
}
