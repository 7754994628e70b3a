// 500 rapid edits: the diagnostics published last match the final text, and the server still answers.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import type { Diagnostic } from '@gshard/grammar';
import { example } from './examples.js';
import { freshUri, positionOf } from './fixtures.js';
import { withServer } from './server-harness.js';

const summary = (ds: readonly { code?: string | number; message: string; range: { start: { line: number; character: number } } }[]) =>
  ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`).sort();
const expected = (ds: readonly Diagnostic[]) =>
  summary(ds.map((d) => ({ code: d.code, message: d.message, range: { start: { line: d.span.start.line - 1, character: d.span.start.col - 1 } } })));

test('after a burst of 500 edits the diagnostics match the final text', () => withServer(async (c) => {
  const base = example('moe_layer.gshard');
  const uri = freshUri('burst');
  c.open(uri, base);
  await c.diagnosticsFor(uri, 1);
  // Type a line character by character with incremental edits before `return`, wiping it every
  // time it is complete, so the file goes through many broken and valid states.
  const line = positionOf(base, '  return outputs').line;
  const typed = '  extra = einsum("GSM,ME->GSE", outputs, wgg) + logits\n';
  const lines = base.split('\n');
  let current = '';
  let version = 1;
  for (let i = 0; i < 500; i++) {
    if (current.length === typed.length - 1) {
      version = c.change(uri, '', { start: { line, character: 0 }, end: { line, character: current.length } });
      current = '';
    } else {
      const ch = typed[current.length]!;
      const text = current.length === 0 ? ch + '\n' : ch; // the first character opens the new line
      version = c.change(uri, text, { start: { line, character: current.length }, end: { line, character: current.length } });
      if (current.length === 0) lines.splice(line, 0, '');
      current += ch;
    }
    lines[line] = current;
  }
  const finalText = lines.join('\n');
  const settled = await c.settled(uri, version);
  assert.deepEqual(summary(settled.diagnostics), expected(analyze(finalText, Stage.Partitioned).diagnostics));
  // The final state is a half-typed line, which must be reported.
  assert.ok(settled.diagnostics.length > 0, `final line: '${current}'`);
  const h = await c.request('textDocument/hover', c.at(uri, positionOf(finalText, 'h = relu')));
  assert.match(h.contents.value, /\*\*`h`\*\*/);
  assert.ok(c.alive);
}));
