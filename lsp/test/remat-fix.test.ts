// The full-rematerialization quick fix: the annotation the partitioner's diagnostic carries lands on
// the right binding or param, replacing an existing annotation rather than adding a second one.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, Stage } from '@gshard/compiler';
import type { Diagnostic } from '@gshard/grammar';
import { rematFix } from '../src/remat-fix.js';
import { MLP } from './fixtures.js';

const analysis = analyze(MLP, Stage.Checked);
const span = analysis.front.program.span;
/** A remat diagnostic carrying `value @ sharding`; the message is deliberately unrelated (never read). */
const remat = (value: string, sharding: string): Diagnostic =>
  ({ code: 'shard-full-remat', severity: 'warning', message: 'Annotate other @ [x] to avoid it.', span,
    annotate: { value, sharding } });
const apply = (text: string, fix: NonNullable<ReturnType<typeof rematFix>>) =>
  fix.edits.reduceRight((t, e) => t.slice(0, e.span.start.offset) + e.newText + t.slice(e.span.end.offset), text);

test('an unannotated binding inside a repeated layer gets the annotation after its expression', () => {
  const fix = rematFix(remat('y.1.h', '[_, _, model]'), analysis);
  assert.ok(fix);
  assert.equal(fix.title, 'Annotate h @ [_, _, model]');
  assert.match(apply(MLP, fix), /^ {2}h = relu\(einsum\("BSM,MH->BSH", x, wi\)\) @ \[_, _, model\]$/m);
});

test('an annotated param has its annotation replaced', () => {
  const fix = rematFix(remat('y.0.wi', '[model, _]'), analysis);
  assert.ok(fix);
  assert.match(apply(MLP, fix), /^ {2}param wi: f32\[M, H\] @ \[model, _\]$/m);
});

test('no fix for other codes, unknown values or a diagnostic without the annotation field', () => {
  assert.equal(rematFix({ ...remat('y.1.h', '[x]'), code: 'shard-conflict' }, analysis), undefined);
  assert.equal(rematFix(remat('nothing_here', '[x]'), analysis), undefined);
  const textOnly: Diagnostic = { code: 'shard-full-remat', severity: 'warning', span,
    message: 'einsum at 12:7 needs y.1.h as f32[B, S, H@model] (full rematerialization). '
      + 'Annotate y.1.h @ [_, _, model] to avoid it.' };
  assert.equal(rematFix(textOnly, analysis), undefined);
});
