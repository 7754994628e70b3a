// The quick fix for a full rematerialization: the partitioner's message names the value and the
// annotation that avoids it ("Annotate h @ [x, _] to avoid it."); this finds that value's binding
// (or param, or input) in the source and writes the annotation there.

import type { Analysis } from '@gshard/compiler';
import type { Diagnostic, Fix, Span } from '@gshard/grammar';
import { walk } from './ast-walk.js';

const ANNOTATE = /Annotate (\S+) @ (.+?) to avoid it\.?$/;

export function rematFix(d: Diagnostic, analysis: Analysis): Fix | undefined {
  if (d.fix || d.code !== 'shard-full-remat') return undefined;
  const m = ANNOTATE.exec(d.message);
  if (!m) return undefined;
  const [, valueName, sharding] = m as unknown as [string, string, string];
  const instance = analysis.front.lowered.symbols.instances.find((i) => i.valueName === valueName);
  if (!instance) return undefined;
  const at = instance.span.start.offset;
  let edit: { span: Span; newText: string } | undefined;
  walk(analysis.front.program, (n) => {
    if (edit) return false;
    if (n.kind === 'Binding' && n.names[0]?.span.start.offset === at) {
      edit = n.annotation ? { span: n.annotation.span, newText: `@ ${sharding}` } : { span: endOf(n.value.span), newText: ` @ ${sharding}` };
    } else if ((n.kind === 'ParamDecl' || n.kind === 'InputDecl') && n.name.span.start.offset === at) {
      edit = n.annotation ? { span: n.annotation.span, newText: `@ ${sharding}` } : { span: endOf(n.type.span), newText: ` @ ${sharding}` };
    }
    return undefined;
  });
  // Only the first name of a multi-name binding can carry an annotation; others get no fix.
  return edit ? { title: `Annotate ${valueName.split('.').pop()} @ ${sharding}`, edits: [edit] } : undefined;
}

function endOf(s: Span): Span {
  return { start: s.end, end: s.end };
}
