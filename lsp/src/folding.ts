// Folding ranges: layer and model bodies, multi-line declarations and runs of comments.

import type { Program } from '@gshard/grammar';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver/node';

export function foldingRanges(program: Program): FoldingRange[] {
  const out: FoldingRange[] = [];
  const add = (startLine: number, endLine: number, kind?: FoldingRangeKind) => {
    if (endLine > startLine) out.push({ startLine: startLine - 1, endLine: endLine - 1, ...(kind ? { kind } : {}) });
  };
  for (const item of program.items) {
    if (item.kind === 'FuncDecl') {
      const body = item.bodySpan ?? item.span;
      add(body.start.line, body.end.line);
    } else add(item.span.start.line, item.span.end.line);
  }
  // Consecutive line comments fold together; a block comment folds alone.
  let run: { start: number; end: number } | undefined;
  for (const c of program.comments) {
    if (c.text.startsWith('/*')) { add(c.span.start.line, c.span.end.line, FoldingRangeKind.Comment); continue; }
    if (run && c.span.start.line === run.end + 1) run.end = c.span.start.line;
    else {
      if (run) add(run.start, run.end, FoldingRangeKind.Comment);
      run = { start: c.span.start.line, end: c.span.start.line };
    }
  }
  if (run) add(run.start, run.end, FoldingRangeKind.Comment);
  return out;
}
