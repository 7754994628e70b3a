// Inlay hints: the inferred sharded type after each binding name (and after unannotated params
// and inputs), e.g. `h: f32[E@x, G, C, H]`. Before propagation runs they show the plain type.

import { shardingsEqual, shardingToText, type Value } from '@gshard/compiler';
import type { Ident, Program } from '@gshard/grammar';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver/node';
import { toPosition } from './convert.js';
import type { DocModel } from './doc-model.js';
import { originText, typeText } from './describe.js';

export function inlayHints(model: DocModel, program: Program, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  const inRange = (id: Ident) => id.span.start.line - 1 >= range.start.line && id.span.end.line - 1 <= range.end.line;
  const hint = (id: Ident, after: Ident['span'], prefix: string) => {
    if (!inRange(id)) return;
    const def = model.defs.find((d) => d.span.start.offset === id.span.start.offset);
    const values = def ? model.valuesOf(def) : [];
    const first = values[0];
    if (!first) return;
    if (prefix === ' @ ') {
      // After a declared type only the sharding is news; double-clicking the hint writes it down.
      if (!first.sharding) return;
      const text = shardingToText(first.sharding);
      out.push({
        position: toPosition(after.end), label: ` @ ${text}`, kind: InlayHintKind.Type,
        tooltip: `inferred sharding: ${originText(first)}`,
        textEdits: [{ range: { start: toPosition(after.end), end: toPosition(after.end) }, newText: ` @ ${text}` }],
      });
      return;
    }
    out.push({
      position: toPosition(after.end),
      label: `: ${typeText(first)}${varies(values) ? ' (varies by instance)' : ''}`,
      kind: InlayHintKind.Type,
      tooltip: `sharding: ${originText(first)}`,
    });
  };
  for (const item of program.items) {
    if (item.kind !== 'FuncDecl') continue;
    for (const input of item.inputs) if (!input.annotation) hint(input.name, input.type.span, ' @ ');
    for (const s of item.body) {
      if (s.kind === 'Binding') for (const n of s.names) hint(n, n.span, ': ');
      else if (s.kind === 'ParamDecl' && !s.annotation) hint(s.name, s.type.span, ' @ ');
    }
  }
  return out;
}

function varies(values: readonly Value[]): boolean {
  const s0 = values[0]?.sharding;
  return values.some((v) => (v.sharding && s0 ? !shardingsEqual(v.sharding, s0) : v.sharding !== s0));
}
