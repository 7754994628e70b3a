// Test helper: a file with every annotation on inputs and params removed (the starting point of the
// done-when checks: suggest must find the plan on its own).

import { parse } from '@gshard/grammar';

export function stripAnnotations(text: string): string {
  const spans: { start: number; end: number }[] = [];
  for (const item of parse(text).program.items) {
    if (item.kind !== 'FuncDecl') continue;
    for (const d of [...item.inputs, ...item.body]) {
      if ((d.kind === 'InputDecl' || d.kind === 'ParamDecl') && d.annotation) {
        spans.push({ start: d.type.span.end.offset, end: d.annotation.span.end.offset });
      }
    }
  }
  let out = text;
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + out.slice(s.end);
  return out;
}
