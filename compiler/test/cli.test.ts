// The CLI as a script sees it: exit codes, `file:line:col` with the source line and a caret, the
// --json shapes, usage errors, and no stack trace for bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../src/cli/run-cli.js';
import type { CliIO } from '../src/cli/io.js';
import { examplePath, readText } from './helpers/repo.js';

function memoryIO(files: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
    readFile: (p) => {
      if (p in files) return files[p]!;
      const e = new Error(`ENOENT: ${p}`) as NodeJS.ErrnoException;
      e.code = 'ENOENT';
      throw e;
    },
    writeFile: (p, d) => { files[p] = String(d); },
    mkdir: () => {},
    color: false,
  };
  return { io, get out() { return out; }, get err() { return err; } };
}

const BROKEN = 'mesh m = [x = 2]\ndim S = 4\nmodel main(a: f32[S]) {\n  b = relux(a)\n  return b\n}\n';

test('check: a clean file exits 0', async () => {
  const m = memoryIO({ 'moe.gshard': readText(examplePath('moe_layer.gshard')) });
  assert.equal(await runCli(['check', 'moe.gshard'], m.io), 0);
  assert.match(m.out, /moe\.gshard: ok/);
});

// Findings are check's product, so they go to stdout (as tsc and eslint print them); they were on stderr.
test('check: errors print file:line:col, the source line and a caret under the span on stdout; exit 1', async () => {
  const m = memoryIO({ 'bad.gshard': BROKEN });
  assert.equal(await runCli(['check', 'bad.gshard'], m.io), 1);
  assert.equal(m.err, '');
  const lines = m.out.split('\n');
  assert.equal(lines[0], "bad.gshard:4:7: error[name-unknown-op]: Unknown op or layer 'relux'. Did you mean 'relu'?");
  assert.equal(lines[1], '   4 |   b = relux(a)');
  assert.equal(lines[2], '     |       ^~~~~');
  assert.doesNotMatch(m.out, /\bat .*\.js:\d+/, 'no stack trace');
});

test('check --json: the documented diagnostic fields', async () => {
  const m = memoryIO({ 'bad.gshard': BROKEN });
  assert.equal(await runCli(['check', 'bad.gshard', '--json'], m.io), 1);
  const json = JSON.parse(m.out) as { diagnostics: Record<string, unknown>[] };
  assert.deepEqual(json.diagnostics, [{
    file: 'bad.gshard', line: 4, col: 7, endLine: 4, endCol: 12, severity: 'error', code: 'name-unknown-op',
    message: "Unknown op or layer 'relux'. Did you mean 'relu'?",
    span: { start: { line: 4, col: 7 }, end: { line: 4, col: 12 } },
  }]);
});

test('usage errors exit 2: no command, unknown command, unknown option, missing file argument', async () => {
  for (const argv of [[], ['frobnicate'], ['check', 'x.gshard', '--frob'], ['check'], ['compile', 'a', 'b']]) {
    const m = memoryIO({});
    assert.equal(await runCli(argv, m.io), 2, argv.join(' '));
  }
});

test('a file that cannot be read is an error (exit 1), not a crash', async () => {
  const m = memoryIO({});
  assert.equal(await runCli(['check', 'missing.gshard'], m.io), 1);
  assert.match(m.err, /missing\.gshard: error\[io-read\]: cannot read the file: ENOENT/);
});

test('compile --emit sharded --json: every value with dims, annotated flag and origin', async () => {
  const m = memoryIO({ 'moe.gshard': readText(examplePath('moe_layer.gshard')) });
  assert.equal(await runCli(['compile', 'moe.gshard', '--emit', 'sharded', '--json'], m.io), 0);
  const json = JSON.parse(m.out) as { values: { name: string; type: string; dims: string[][]; annotated: boolean; origin: { from: string }[] }[] };
  const h = json.values.find((v) => v.name === 'h')!;
  assert.equal(h.type, 'f32[E@x, G, C, H]');
  assert.deepEqual(h.dims, [['x'], [], [], []]);
  assert.equal(h.annotated, false);
  assert.equal(h.origin[0]!.from, 'expert_inputs');
  for (const key of ['name', 'line', 'col', 'type', 'dims', 'replicated', 'unreduced', 'annotated', 'origin']) assert.ok(key in h, key);
});

test('explain --json: each collective with kind, axes, bytes, before/after, line and reason', async () => {
  const m = memoryIO({ 'moe.gshard': readText(examplePath('moe_layer.gshard')) });
  assert.equal(await runCli(['explain', 'moe.gshard', '--json'], m.io), 0);
  const json = JSON.parse(m.out) as { collectives: { kind: string; axes: string[]; bytesPerDevice: number; from: string; to: string; line: number; reason: string }[] };
  assert.deepEqual(json.collectives.map((c) => c.kind), ['all_reduce', 'all_to_all', 'all_to_all']);
  const dispatch = json.collectives[1]!;
  assert.deepEqual(dispatch.axes, ['x']);
  assert.equal(dispatch.from, '[_, x, _, _]');
  assert.equal(dispatch.to, '[x, _, _, _]');
  assert.equal(dispatch.bytesPerDevice, 16 * 1 * 4 * 32 * 4);
  assert.match(dispatch.reason, /moves from dim G to dim E/);
});

test('show: the tiles of a tensor and, with --explain, its origin chain', async () => {
  const m = memoryIO({ 'moe.gshard': readText(examplePath('moe_layer.gshard')) });
  assert.equal(await runCli(['show', 'moe.gshard', 'h', '--explain'], m.io), 0);
  assert.match(m.out, /f32\[E@x, G, C, H\]/);
  assert.match(m.out, /from the annotation of expert_inputs/);
  const missing = memoryIO({ 'moe.gshard': readText(examplePath('moe_layer.gshard')) });
  assert.equal(await runCli(['show', 'moe.gshard', 'hh'], missing.io), 1);
  assert.match(missing.err, /no tensor named 'hh'\. Did you mean 'h'\?/);
});
