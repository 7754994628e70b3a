// --timings, --dump-after and --verify-each through the built `gshard` bin, and on every command that compiles.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { runCli } from '../src/cli/run-cli.js';
import { memoryIO } from './helpers/memory-io.js';
import { parseModuleText } from '../src/ir/text-parser.js';
import { PASS_NAMES } from '../src/passes/list.js';
import { exampleFiles, examplePath, readText, ROOT } from './helpers/repo.js';

function gshard(...argv: string[]) {
  const bin = join(ROOT, 'cli', 'bin', 'gshard.js');
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('gshard compile examples/moe_transformer.gshard --timings prints a time for every pass (stderr)', () => {
  const r = gshard('compile', 'examples/moe_transformer.gshard', '--timings');
  assert.equal(r.code, 0, r.err);
  for (const pass of PASS_NAMES) {
    assert.match(r.err, new RegExp(`^  ${pass} +\\d+\\.\\d(  \\(.*\\))?$`, 'm'), `no row for ${pass}:\n${r.err}`);
  }
  assert.match(r.err, /^ {2}total +\d+\.\d$/m);
  assert.match(r.out, /^module @/, 'the output is still the default stage');
});

test('gshard compile --dump-after=partition prints the IR after that pass (the spmd program)', () => {
  const r = gshard('compile', 'examples/moe_transformer.gshard', '--dump-after=partition');
  assert.equal(r.code, 0, r.err);
  const parsed = parseModuleText(r.out);
  assert.ok(!('error' in parsed), String((parsed as { error?: string }).error));
  assert.match(r.out.split('\n')[0]!, /view local \{$/);
  assert.equal(r.out, gshard('compile', 'examples/moe_transformer.gshard', '--emit', 'spmd').out);
});

test('--dump-after with an unknown pass is a usage error that lists the passes', () => {
  const r = gshard('compile', 'examples/moe_layer.gshard', '--dump-after=localise');
  assert.equal(r.code, 2);
  assert.match(r.err, new RegExp(PASS_NAMES.join(', ')));
});

test('--dump-after a pass the command never reaches is a usage error (export stops after propagate)', async () => {
  const io = memoryIO({ 'moe.gshard': readText(examplePath('moe_layer.gshard')) });
  assert.equal(await runCli(['export', 'moe.gshard', '--format', 'jax', '--dump-after', 'partition'], io), 2);
  assert.match(io.stderr, /stops after propagate.*parse, lower, propagate/);
});

test('--verify-each passes on every example (check runs every pass)', () => {
  const files = exampleFiles().map((f) => relative(ROOT, f));
  assert.ok(files.length >= 5);
  const r = gshard('check', '--verify-each', ...files);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.split('\n').filter((l) => l.endsWith(': ok')).length, files.length, r.out);
});

test('every command that compiles takes --verify-each, --dump-after and --timings', async () => {
  const source = readText(examplePath('moe_layer.gshard'));
  const commands = [
    ['check', 'moe.gshard'], ['compile', 'moe.gshard', '--emit', 'spmd'], ['explain', 'moe.gshard'],
    ['cost', 'moe.gshard'], ['show', 'moe.gshard', 'inputs'], ['export', 'moe.gshard', '--format', 'jax'],
  ];
  for (const argv of commands) {
    const io = memoryIO({ 'moe.gshard': source });
    const code = await runCli([...argv, '--verify-each', '--timings', '--dump-after', 'lower'], io);
    assert.equal(code, 0, `${argv.join(' ')}: ${io.stderr}`);
    const what = argv.join(' ');
    assert.match(io.stdout, /^module @moe_layer on @tpu = .* view global \{$/m, `${what} dumps the IR after lower`);
    assert.match(io.stderr, /^ {2}lower +\d/m, `${what} prints timings`);
  }
});
