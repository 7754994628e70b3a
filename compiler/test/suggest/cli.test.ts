// `gshard suggest`: the text report, --json's shape, --hbm excluding plans, --apply rewriting only the
// annotations (comments and layout kept) into a file that then checks clean, and usage errors.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run-cli.js';
import { memoryIO } from '../helpers/memory-io.js';

const MLP = `// A data-parallel candidate: nothing annotated yet.
mesh m = tpu_v3 [x = 4]

dim B = 64 // batch
dim M = 128
dim H = 512

model mlp(x: f32[B, M]) -> f32[B, M] on m {
  param w1: f32[M, H] // up
  param w2: f32[H, M] // down
  return einsum("BH,HM->BM", relu(einsum("BM,MH->BH", x, w1)), w2)
}
`;

test('suggest prints plans as diffs with step time, HBM and collectives, and why the first wins', async () => {
  const io = memoryIO({ 'mlp.gshard': MLP });
  assert.equal(await runCli(['suggest', 'mlp.gshard'], io), 0, io.stderr);
  assert.match(io.stdout, /^plan 1: [\d.]+ (us|ms|s) per step \([\d.]+x the file's speed\), [\d.]+ (B|KiB|MiB|GiB) per core, \d+ collectives/m);
  assert.match(io.stdout, /^\+.*@ \[/m);
  assert.match(io.stdout, /^why plan 1: plan 1 against /m);
});

test('suggest --json: plans best first with stepSeconds, hbmBytesPerDevice, annotations and diff', async () => {
  const io = memoryIO({ 'mlp.gshard': MLP });
  assert.equal(await runCli(['suggest', 'mlp.gshard', '--json', '--top', '2'], io), 0, io.stderr);
  const out = JSON.parse(io.stdout) as { plans: { stepSeconds: number; hbmBytesPerDevice: number;
    annotations: { name: string; sharding: string | null }[]; diff: string }[] };
  assert.ok(out.plans.length >= 1 && out.plans.length <= 2);
  for (let i = 1; i < out.plans.length; i++) assert.ok(out.plans[i - 1]!.stepSeconds <= out.plans[i]!.stepSeconds);
  const best = out.plans[0]!;
  assert.ok(best.hbmBytesPerDevice > 0);
  assert.ok(best.annotations.length > 0);
  for (const a of best.annotations) assert.match(a.name, /^model\.(x|w1|w2)$/);
  assert.match(best.diff, /^--- mlp\.gshard$/m);
});

test('suggest --apply 1 rewrites only annotation spans; the file then checks clean', async () => {
  const files: Record<string, string> = { 'mlp.gshard': MLP };
  const io = memoryIO(files);
  assert.equal(await runCli(['suggest', 'mlp.gshard', '--apply', '1'], io), 0, io.stderr);
  const after = files['mlp.gshard']!;
  assert.notEqual(after, MLP);
  assert.equal(after.replace(/ @ \[[^\]]*\]/g, ''), MLP, 'only annotations were added');
  assert.match(after, /param w1: f32\[M, H\](?: @ \[[^\]]*\])? \/\/ up/, 'comments kept');
  const check = memoryIO(files);
  assert.equal(await runCli(['check', 'mlp.gshard'], check), 0, check.stdout + check.stderr);
});

test('suggest --hbm too small: no plan fits, and it says so', async () => {
  const io = memoryIO({ 'mlp.gshard': MLP });
  assert.equal(await runCli(['suggest', 'mlp.gshard', '--hbm', '1KiB'], io), 0, io.stderr);
  assert.match(io.stdout, /no plan fits in 1\.0 KiB per core/);
  assert.match(io.stdout, /^excluded \(needs [\d.]+ KiB per core, over 1\.0 KiB\): the file as written$/m);
});

test('suggest usage errors: --hbm, --top and --apply values', async () => {
  for (const argv of [['--hbm', 'lots'], ['--top', '0'], ['--apply', 'x']]) {
    const io = memoryIO({ 'mlp.gshard': MLP });
    assert.equal(await runCli(['suggest', 'mlp.gshard', ...argv], io), 2, argv.join(' '));
    assert.match(io.stderr, new RegExp(`--${argv[0]!.slice(2)}`));
  }
});
