// Every limit of compiler/src/limits.ts fires on an input that exceeds it, with its code and a
// message naming the limit and the environment variable that raises it; overrides work.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { frontend } from '../src/pipeline.js';
import { LIMITS, limitMessage } from '../src/limits.js';
import { runCli } from '../src/cli/run-cli.js';
import type { CliIO } from '../src/cli/io.js';

const pipelineUrl = new URL('../src/pipeline.js', import.meta.url).href;

/** frontend() in a child process with `env` set, since limits read the environment once at load. */
function frontendWithEnv(text: string, env: Record<string, string>): { code: string; message: string }[] {
  const script = `import { frontend } from ${JSON.stringify(pipelineUrl)};
let t = ''; for await (const c of process.stdin) t += c;
console.log(JSON.stringify(frontend(t).diagnostics.map((d) => ({ code: d.code, message: d.message }))));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { input: text, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function assertLimit(diags: readonly { code: string; message: string }[], code: string, envVar: string, value: number): void {
  const d = diags.find((x) => x.code === code);
  assert.ok(d, `expected ${code}, got ${diags.map((x) => x.code).join(', ') || 'nothing'}`);
  assert.match(d.message, new RegExp(`limit of ${value}\\b`), d.message);
  assert.ok(d.message.includes(envVar), `message does not say how to raise it: ${d.message}`);
}

const model = (decls: string, type = 'f32[S]') => `${decls}\nmodel main(a: ${type}) {\n  return a\n}\n`;

test('every limit has a GSHARD_MAX_ variable and a message that names it', () => {
  for (const l of Object.values(LIMITS)) {
    assert.match(l.envVar, /^GSHARD_MAX_[A-Z_]+$/);
    const m = limitMessage(l, l.value + 1);
    assert.ok(m.includes(l.envVar) && m.includes(l.what) && m.includes(String(l.value)), m);
  }
});

test('file-bytes: a file over the limit is refused before parsing', () => {
  const text = `// ${'x'.repeat(LIMITS.fileBytes.value)}`;
  const r = frontend(text);
  assertLimit(r.diagnostics, 'limit-file-bytes', LIMITS.fileBytes.envVar, LIMITS.fileBytes.value);
  assert.equal(r.diagnostics.length, 1, 'nothing else ran');
  assert.equal(r.program.items.length, 0);
});

test('dim-size: a dim over 2^40 elements', () => {
  const r = frontend(model(`mesh m = [x = 2]\ndim S = ${2 ** 40 + 1}`));
  assertLimit(r.diagnostics, 'limit-dim-size', LIMITS.dimSize.envVar, LIMITS.dimSize.value);
});

test('tensor-elements: a tensor over 2^53 elements', () => {
  const r = frontend(model(`mesh m = [x = 2]\ndim A = ${2 ** 30}\ndim B = ${2 ** 30}`, 'f32[A, B]'));
  assertLimit(r.diagnostics, 'limit-tensor-elements', LIMITS.tensorElements.envVar, LIMITS.tensorElements.value);
});

test('devices: a mesh over 65536 devices', () => {
  const r = frontend(model(`mesh m = [x = 256, y = 257]\ndim S = 4`));
  assertLimit(r.diagnostics, 'limit-devices', LIMITS.devices.envVar, LIMITS.devices.value);
});

test('ops: inlining over 200000 ops', () => {
  const r = frontend(`mesh m = [x = 2]\ndim S = 4\nlayer f(x: f32[S]) -> f32[S] {\n  return relu(x)\n}\nmodel main(a: f32[S]) {\n  return repeat 250000 f(a)\n}\n`);
  assertLimit(r.diagnostics, 'limit-ops', LIMITS.ops.envVar, LIMITS.ops.value);
  assert.equal(r.module, undefined);
});

function memoryIO(files: Record<string, string>): CliIO & { stderr: string[]; stdout: string[] } {
  const stderr: string[] = [];
  const stdout: string[] = [];
  return {
    stderr, stdout, color: false,
    out: (t) => void stdout.push(t), err: (t) => void stderr.push(t),
    readFile: (p) => {
      if (p in files) return files[p]!;
      throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    },
    writeFile: () => {}, mkdir: () => {},
  };
}

test('run-bytes: a simulated run over 3 GiB is refused before allocating', async () => {
  // 2^29 f32 elements = 2 GiB for the input alone, on the reference and again over the devices.
  const io = memoryIO({ 'big.gshard': model(`mesh m = [x = 2]\ndim S = ${2 ** 29}`) });
  const before = process.memoryUsage().rss;
  const code = await runCli(['run', 'big.gshard'], io);
  const err = io.stderr.join('');
  assert.equal(code, 1, err);
  assert.ok(err.includes(LIMITS.runBytes.envVar), err);
  assert.ok(err.includes(LIMITS.runBytes.what), err);
  assert.ok(process.memoryUsage().rss - before < 1024 ** 3, 'refused before allocating the tensors');
});

test('each limit can be lowered with its environment variable', () => {
  const cases: [string, string, string, number][] = [
    [model('mesh m = [x = 2]\ndim S = 4'), 'limit-file-bytes', 'GSHARD_MAX_FILE_BYTES', 20],
    [model('mesh m = [x = 2]\ndim S = 101'), 'limit-dim-size', 'GSHARD_MAX_DIM_SIZE', 100],
    [model('mesh m = [x = 2]\ndim S = 40\ndim T = 40', 'f32[S, T]'), 'limit-tensor-elements', 'GSHARD_MAX_TENSOR_ELEMENTS', 1000],
    [model('mesh m = [x = 8]\ndim S = 4'), 'limit-devices', 'GSHARD_MAX_DEVICES', 4],
    [`mesh m = [x = 2]\ndim S = 4\nlayer f(x: f32[S]) -> f32[S] {\n  return relu(x)\n}\nmodel main(a: f32[S]) {\n  return repeat 500 f(a)\n}\n`, 'limit-ops', 'GSHARD_MAX_OPS', 100],
  ];
  for (const [text, code, envVar, value] of cases) {
    assertLimit(frontendWithEnv(text, { [envVar]: String(value) }), code, envVar, value);
  }
});

test('an invalid override keeps the default', () => {
  const diags = frontendWithEnv(model('mesh m = [x = 8]\ndim S = 4'), { GSHARD_MAX_DEVICES: 'lots' });
  assert.deepEqual(diags, []);
});
