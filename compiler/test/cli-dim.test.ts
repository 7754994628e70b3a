// --dim NAME=SIZE on every command that compiles: declared sizes replaced, derived dims recomputed,
// and errors that name the dim (unknown, not positive, a derived dim that no longer divides).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../src/cli/run-cli.js';
import { memoryIO } from './helpers/memory-io.js';
import { runPipeline } from '../src/passes/run-pipeline.js';
import { examplePath, readText } from './helpers/repo.js';

const LM = readText(examplePath('moe_decoder_lm.gshard'));

test('--dim replaces declared sizes and recomputes dims derived from them', () => {
  const r = runPipeline(LM, { dims: new Map([['B', 16], ['L', 32]]), upTo: 'lower' });
  const types = r.global!.inputs.map((v) => v.type.dims.map((d) => `${d.name}=${d.size}`).join(','));
  assert.deepEqual(types, ['B=16,L=32', 'B=16,L=32']);
  const size = (name: string) => r.global!.ops.flatMap((o) => o.results).flatMap((v) => v.type.dims)
    .find((d) => d.name === name)!.size;
  assert.equal(size('T'), 32, 'T = L');
  assert.equal(size('G'), 16 * 32 / 16, 'G = B * L / S');
});

test('every command that compiles takes --dim (repeated or comma-separated)', async () => {
  const commands = [
    ['check', 'lm.gshard'], ['compile', 'lm.gshard', '--emit', 'spmd'], ['explain', 'lm.gshard'],
    ['cost', 'lm.gshard'], ['show', 'lm.gshard', 'tokens'], ['export', 'lm.gshard', '--format', 'jax'],
  ];
  for (const argv of commands) {
    const io = memoryIO({ 'lm.gshard': LM });
    const code = await runCli([...argv, '--dim', 'B=16', '--dim', 'L=32,V=128', '--dump-after', 'lower'], io);
    assert.equal(code, 0, `${argv.join(' ')}: ${io.stderr}`);
    assert.match(io.stdout, /input %tokens: i32\[B=16, L=32\]/, argv.join(' '));
    assert.match(io.stdout, /param %embedding: f32\[V=128, M=32\]/, argv.join(' '));
  }
});

test('--dim errors name the dim', async () => {
  const run = async (...dims: string[]) => {
    const io = memoryIO({ 'lm.gshard': LM });
    const code = await runCli(['check', 'lm.gshard', ...dims.flatMap((d) => ['--dim', d])], io);
    return { code, text: io.stdout + io.stderr };
  };
  const unknown = await run('Q=3');
  assert.equal(unknown.code, 1);
  assert.match(unknown.text, /error\[name-unknown-dim\]: --dim Q=3: the file declares no dim Q/);
  const zero = await run('B=0');
  assert.match(zero.text, /error\[shape-dim-not-positive\]: Dim B \(--dim B=0\) must be at least 1/);
  const derived = await run('S=6');
  assert.match(derived.text, /error\[shape-dim-not-integer\]: Dim G: 128 \/ 6 is not a whole number \(21\.333\)\. \(with --dim S=6\)/);
  assert.match(derived.text, /Dim C: 12 \/ 8 is not a whole number/);
  const malformed = await run('B');
  assert.equal(malformed.code, 2);
  assert.match(malformed.text, /--dim expects NAME=SIZE like 'B=16'/);
});
