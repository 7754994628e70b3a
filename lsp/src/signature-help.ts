// Signature help for op and layer calls: finds the unclosed `(` before the cursor on the text itself,
// so it works while the call is still incomplete.

import { BUILTINS, builtinSignature } from '@gshard/compiler';
import type { FuncDecl, Program } from '@gshard/grammar';
import type { SignatureHelp, SignatureInformation } from 'vscode-languageserver/node';

export function signatureHelp(text: string, offset: number, program: Program): SignatureHelp | null {
  const open = unclosedCall(text, offset);
  if (!open) return null;
  const b = BUILTINS.get(open.callee);
  let sig: SignatureInformation | undefined;
  if (b) {
    const parameters = b.params.map((p) => ({ label: p.name, documentation: p.kind }));
    sig = { label: builtinSignature(b), documentation: b.doc, parameters };
  } else {
    const layer = program.items.find((i): i is FuncDecl =>
      i.kind === 'FuncDecl' && !i.isModel && i.name.name === open.callee);
    if (layer) {
      const params = layer.inputs.map((i) =>
        `${i.name.name}: ${i.type.dtype.name}[${i.type.dims.map((d) => d.name).join(', ')}]`);
      sig = { label: `${layer.name.name}(${params.join(', ')})`, parameters: params.map((p) => ({ label: p })) };
    }
  }
  if (!sig) return null;
  const n = sig.parameters?.length ?? 0;
  // A trailing variadic parameter (einsum's operands) stays active past its position.
  const active = n === 0 ? 0 : Math.min(open.argIndex, n - 1);
  return { signatures: [sig], activeSignature: 0, activeParameter: active };
}

/** The callee and argument index of the innermost call still open at `offset`. */
export function unclosedCall(text: string, offset: number): { callee: string; argIndex: number } | undefined {
  let depth = 0;
  let commas = 0;
  const lineStartLimit = Math.max(0, offset - 2000);
  for (let i = offset - 1; i >= lineStartLimit; i--) {
    const c = text[i];
    if (c === '"') { const q = text.lastIndexOf('"', i - 1); if (q < 0) return undefined; i = q; continue; }
    if (c === ')' || c === ']') depth++;
    else if (c === '[') { if (depth > 0) depth--; }
    else if (c === '(') {
      if (depth > 0) { depth--; continue; }
      const m = /([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(text.slice(Math.max(0, i - 64), i));
      const callee = m?.[1];
      return callee !== undefined ? { callee, argIndex: commas } : undefined;
    } else if (c === ',' && depth === 0) commas++;
    else if (c === '{' || c === '}') return undefined;
  }
  return undefined;
}
