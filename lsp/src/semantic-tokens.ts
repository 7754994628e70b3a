// Semantic highlighting from the lexer's tokens, with names classified by the symbol index
// (a dim, a mesh axis, a layer, a value) rather than by spelling.

import { BUILTINS, DTYPES } from '@gshard/compiler';
import { lex, tokens as T } from '@gshard/grammar';
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from 'vscode-languageserver/node';
import type { DocModel } from './doc-model.js';

const TYPES = ['namespace', 'enumMember', 'typeParameter', 'function', 'parameter', 'property', 'variable',
  'keyword', 'number', 'string', 'comment', 'type', 'operator', 'decorator', 'class'] as const;
const MODIFIERS = ['declaration', 'defaultLibrary'] as const;
type TokenType = (typeof TYPES)[number];

export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TYPES], tokenModifiers: [...MODIFIERS] };

const BY_KIND: Record<string, TokenType> = {
  mesh: 'namespace', axis: 'enumMember', dim: 'typeParameter', layer: 'function', model: 'class',
  input: 'parameter', param: 'property', binding: 'variable',
};
const KEYWORDS = new Set([...T.reservedKeywords, ...T.contextualKeywords].map((t) => t.name));
const DTYPE_NAMES = new Set<string>(DTYPES);

export function semanticTokens(text: string, model: DocModel | undefined): SemanticTokens {
  const names = new Map<number, { type: TokenType; decl: boolean }>();
  if (model) {
    for (const r of model.refs) {
      names.set(r.span.start.offset, { type: BY_KIND[r.def.kind] ?? 'variable', decl: false });
    }
    for (const d of model.defs) names.set(d.span.start.offset, { type: BY_KIND[d.kind] ?? 'variable', decl: true });
  }
  const lexed = lex(text);
  const all = [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset);
  const builder = new SemanticTokensBuilder();
  const push = (line: number, col: number, length: number, type: TokenType, mods = 0) =>
    builder.push(line - 1, col - 1, length, TYPES.indexOf(type), mods);
  all.forEach((tok, i) => {
    const line = tok.startLine ?? 1;
    const col = tok.startColumn ?? 1;
    const kind = tok.tokenType.name;
    const known = names.get(tok.startOffset);
    if (known) return push(line, col, tok.image.length, known.type, known.decl ? 1 : 0);
    if (kind === 'LineComment' || kind === 'BlockComment') {
      // One token per line: clients need not support multi-line tokens.
      tok.image.split(/\r\n|\r|\n/).forEach((part, k) => {
        if (part.length > 0) push(line + k, k === 0 ? col : 1, part.length, 'comment');
      });
      return;
    }
    if (KEYWORDS.has(kind)) return push(line, col, tok.image.length, 'keyword');
    if (kind === 'NumberLiteral') return push(line, col, tok.image.length, 'number');
    if (kind === 'StringLiteral') return push(line, col, tok.image.length, 'string');
    if (kind === 'At') return push(line, col, 1, 'decorator');
    if (kind === 'Identifier') {
      if (DTYPE_NAMES.has(tok.image)) return push(line, col, tok.image.length, 'type');
      if (BUILTINS.has(tok.image) && all[i + 1]?.tokenType.name === 'LParen') {
        return push(line, col, tok.image.length, 'function', 2);
      }
    }
  });
  return builder.build();
}
