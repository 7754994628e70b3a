// The quick fix for a full rematerialization: the partitioner's diagnostic carries the value and the
// annotation that avoids it (`annotate`); this finds that value's binding (or param, or input) in the
// source and writes the annotation there.

import type { Analysis } from '@gshard/compiler';
import type { Diagnostic, Fix, Span } from '@gshard/grammar';
import { walk } from './ast-walk.js';

export function rematFix(d: Diagnostic, analysis: Analysis): Fix | undefined {
  if (d.fix || d.code !== 'shard-full-remat' || !d.annotate) return undefined;
  const { value: valueName, sharding } = d.annotate;
  const instance = analysis.front.lowered.symbols.instances.find((i) => i.valueName === valueName);
  if (!instance) return undefined;
  const at = instance.span.start.offset;
  let edit: { span: Span; newText: string } | undefined;
  walk(analysis.front.program, (n) => {
    if (edit) return false;
    if (n.kind === 'Binding' && n.names[0]?.span.start.offset === at) {
      edit = n.annotation
        ? { span: n.annotation.span, newText: `@ ${sharding}` }
        : { span: endOf(n.value.span), newText: ` @ ${sharding}` };
    } else if ((n.kind === 'ParamDecl' || n.kind === 'InputDecl') && n.name.span.start.offset === at) {
      edit = n.annotation
        ? { span: n.annotation.span, newText: `@ ${sharding}` }
        : { span: endOf(n.type.span), newText: ` @ ${sharding}` };
    }
    return undefined;
  });
  // Only the first name of a multi-name binding can carry an annotation; others get no fix.
  return edit ? { title: `Annotate ${valueName.split('.').pop()} @ ${sharding}`, edits: [edit] } : undefined;
}

function endOf(s: Span): Span {
  return { start: s.end, end: s.end };
}
