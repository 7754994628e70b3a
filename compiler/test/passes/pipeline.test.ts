// The pass list and runPipeline: order, stopping rules, --verify-each naming the pass, dumps, timings
// and resuming a lowered state.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runPipeline, resumePipeline, UnknownPassError } from '../../src/passes/run-pipeline.js';
import { PASSES, PASS_NAMES, passIndex } from '../../src/passes/list.js';
import { modulePass } from '../../src/passes/pass.js';
import { InternalError } from '../../src/pipeline.js';
import { printModule } from '../../src/ir/printer.js';
import { parseModuleText } from '../../src/ir/text-parser.js';
import { examplePath, readText } from '../helpers/repo.js';

const MOE = readText(examplePath('moe_layer.gshard'));
const BAD_TYPE = 'mesh m = [x = 2]\ndim S = 4\ndim T = 6\nmodel main(a: f32[S], b: f32[T]) {\n  return add(a, b)\n}\n';

test('the pass list is parse, lower, propagate, then the partitioner\'s three passes', () => {
  assert.deepEqual(PASS_NAMES, ['parse', 'lower', 'propagate', 'insert-reshards', 'reshards-to-collectives', 'localize']);
  assert.equal(passIndex('partition'), passIndex('localize'), '`partition` names the partitioner\'s last pass');
});

test('every pass runs on a clean file, each timed, and the snapshots are filled', () => {
  const r = runPipeline(MOE);
  assert.deepEqual(r.ran, PASS_NAMES);
  assert.deepEqual(r.timings.map((t) => t.pass), PASS_NAMES);
  assert.ok(r.timings.every((t) => t.ms >= 0));
  assert.ok((r.timings.find((t) => t.pass === 'propagate')?.counters?.['op visits'] ?? 0) > 0);
  assert.equal(r.haltedAfter, undefined);
  assert.equal(r.global?.view, 'global');
  assert.equal(r.spmd?.view, 'local');
  assert.ok(r.sharded && r.sharded !== r.global);
});

test('upTo stops after the named pass', () => {
  const r = runPipeline(MOE, { upTo: 'propagate' });
  assert.deepEqual(r.ran, ['parse', 'lower', 'propagate']);
  assert.ok(r.sharded);
  assert.equal(r.spmd, undefined);
});

test('a pass with errors halts the pipeline; the diagnostics are in pass order', () => {
  const r = runPipeline(BAD_TYPE);
  assert.deepEqual(r.ran, ['parse', 'lower']);
  assert.equal(r.haltedAfter, 'lower');
  assert.equal(r.global, undefined);
  assert.ok(r.diagnostics.some((d) => d.severity === 'error'));
  assert.deepEqual(r.diagnostics, r.front?.diagnostics);
});

test('a syntax error does not stop the lowering (its diagnostics are reported too)', () => {
  const r = runPipeline('mesh m = [x = 2]\ndim S = 4\nmodel main(a: f32[S]) {\n  b = relux(a\n  return a\n}\n');
  assert.deepEqual(r.ran, ['parse', 'lower']);
  assert.ok(r.diagnostics.some((d) => d.code.startsWith('syntax-')));
});

test('verifyEach: a pass that breaks the IR is an internal error naming the pass', () => {
  // drops the first op, so a later op uses a value nobody defines
  const breaker = modulePass('drop-first-op', 'test only', undefined,
    (m) => ({ module: { ...m, ops: m.ops.slice(1) }, diagnostics: [] }));
  const passes = [...PASSES.slice(0, 2), breaker, ...PASSES.slice(2)];
  assert.throws(() => runPipeline(MOE, { passes, verifyEach: true }),
    (e: unknown) => e instanceof InternalError && /after drop-first-op/.test(e.message)
      && /used before it is defined/.test(e.message));
  // without the verifier the broken IR goes on (which is why --verify-each exists)
  assert.doesNotThrow(() => runPipeline(MOE, { passes, upTo: 'drop-first-op' }));
});

test('verifyEach passes on every stage of a clean file', () => {
  assert.doesNotThrow(() => runPipeline(MOE, { verifyEach: true }));
});

test('dumpAfter gives the IR text after that pass, which parses back', () => {
  const r = runPipeline(MOE, { dumpAfter: 'propagate' });
  assert.ok(r.sharded);
  assert.equal(r.dump, printModule(r.sharded, { locations: true }));
  const dumped: string[] = [];
  const onDump = (pass: string, text: string) => { dumped.push(pass, text); };
  const q = runPipeline(MOE, { dumpAfter: 'partition', dumpLocations: false, onDump });
  assert.ok(q.spmd);
  assert.deepEqual(dumped, ['localize', printModule(q.spmd, { locations: false })]);
  assert.doesNotMatch(dumped[1]!, /loc\(/);
  assert.equal(q.dump, undefined);
  const parsed = parseModuleText(dumped[1]!);
  assert.ok(!('error' in parsed), JSON.stringify(parsed).slice(0, 300));
});

test('an unknown pass name is an error that lists the passes', () => {
  assert.throws(() => runPipeline(MOE, { dumpAfter: 'localise' }),
    (e: unknown) => e instanceof UnknownPassError && /parse, lower, propagate, insert-reshards, reshards-to-collectives, localize/.test(e.message));
  assert.throws(() => runPipeline(MOE, { upTo: 'nope' }), UnknownPassError);
});

test('resumePipeline continues after the passes a state ran, and can resume the same state twice', () => {
  const lowered = runPipeline(MOE, { upTo: 'lower' });
  const a = resumePipeline(lowered);
  const b = resumePipeline(lowered);
  assert.deepEqual(a.timings.map((t) => t.pass), ['propagate', 'insert-reshards', 'reshards-to-collectives', 'localize']);
  assert.ok(a.spmd && b.spmd);
  assert.equal(printModule(a.spmd), printModule(b.spmd));
  assert.equal(printModule(a.spmd), printModule(runPipeline(MOE).spmd!));
});

test('--dump-after insert-reshards shows the reshards before they become collectives', () => {
  const r = runPipeline(MOE, { dumpAfter: 'insert-reshards', dumpLocations: false });
  assert.match(r.dump ?? '', /= reshard\(/);
  assert.doesNotMatch(r.dump ?? '', /all_to_all/);
  const c = runPipeline(MOE, { dumpAfter: 'reshards-to-collectives', dumpLocations: false });
  assert.equal((c.dump ?? '').match(/= all_to_all\(/g)?.length, 2, 'the MoE layer: dispatch and combine');
  assert.doesNotMatch(c.dump ?? '', /= reshard\(/);
});
