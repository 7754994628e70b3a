// The full-rematerialization quick fix: the annotation the partitioner names lands on the right
// binding or param, replacing an existing annotation rather than adding a second one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import type { Diagnostic } from '@gshard/grammar';
import { rematFix } from '../src/remat-fix.js';
import { MLP } from './fixtures.js';

const analysis = analyze(MLP, Stage.Checked);
const span = analysis.front.program.span;
const remat = (message: string): Diagnostic => ({ code: 'shard-full-remat', severity: 'warning', message, span });
const apply = (text: string, fix: NonNullable<ReturnType<typeof rematFix>>) =>
  fix.edits.reduceRight((t, e) => t.slice(0, e.span.start.offset) + e.newText + t.slice(e.span.end.offset), text);

test('an unannotated binding inside a repeated layer gets the annotation after its expression', () => {
  const fix = rematFix(remat('einsum at 12:7 needs y.1.h (f32[B@data, S, H]) as f32[B, S, H@model], which only an all-gather ... Annotate y.1.h @ [_, _, model] to avoid it.'), analysis);
  assert.ok(fix);
  assert.equal(fix.title, 'Annotate h @ [_, _, model]');
  assert.match(apply(MLP, fix), /^ {2}h = relu\(einsum\("BSM,MH->BSH", x, wi\)\) @ \[_, _, model\]$/m);
});

test('an annotated param has its annotation replaced', () => {
  const fix = rematFix(remat('... (full rematerialization). Annotate y.0.wi @ [model, _] to avoid it.'), analysis);
  assert.ok(fix);
  assert.match(apply(MLP, fix), /^ {2}param wi: f32\[M, H\] @ \[model, _\]$/m);
});

test('no fix for other codes, unknown values or messages without an annotation', () => {
  assert.equal(rematFix({ ...remat('Annotate h @ [x] to avoid it.'), code: 'shard-conflict' }, analysis), undefined);
  assert.equal(rematFix(remat('Annotate nothing_here @ [x] to avoid it.'), analysis), undefined);
  assert.equal(rematFix(remat('a full rematerialization'), analysis), undefined);
});
