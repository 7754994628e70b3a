// `gshard cost --remat=none|all|auto`: auto rematerialises only when the step does not fit; an overflow is reported
// once (stderr, at the overflowing tensor, not 1:1), with a hint that names the flag that fixes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIO } from '../../src/cli/io.js';

function memoryIO(files: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => { out += t; }, err: (t) => { err += t; },
    readFile: (p) => files[p]!, writeFile: () => {}, mkdir: () => {}, color: false,
  };
  return { io, get out() { return out; }, get err() { return err; } };
}

// 8 layers: params, gradients and saved activations (h, 1 GiB per layer and core) overflow 16 GiB without remat;
// with remat only the layer inputs and one layer's saved values stay.
const DEEP = `mesh m = tpu_v3 [x = 2]
dim B = 8192
dim M = 1024
dim H = 65536
layer ffn(x: f32[B, M]) -> f32[B, M] {
  param wi: f32[M, H] @ replicate
  param wo: f32[H, M] @ replicate
  h = relu(einsum("BM,MH->BH", x, wi))
  return x + einsum("BH,HM->BM", h, wo)
}
model deep(x: f32[B, M] @ split(B, 2)) -> f32[B, M] on m {
  return repeat 8 ffn(x)
}
`;

test('--remat=auto (the default) chooses remat when the step does not fit, and says so', async () => {
  const m = memoryIO({ 'deep.gshard': DEEP });
  assert.equal(await runCli(['cost', 'deep.gshard', '--train-estimate'], m.io), 0, m.err);
  assert.match(m.out, /training step with rematerialisation/);
  assert.match(m.out, /--remat=auto chose rematerialisation: without it the step needs/);
  const j = memoryIO({ 'deep.gshard': DEEP });
  assert.equal(await runCli(['cost', 'deep.gshard', '--train-estimate', '--json', '--remat=auto'], j.io), 0);
  const json = JSON.parse(j.out);
  assert.equal(json.remat, true);
  assert.equal(json.rematMode, 'auto');
  assert.ok(json.peakBytesWithoutRemat > 16 * 2 ** 30);
  assert.ok(json.rematSeconds > 0);
});

test('--remat=none over HBM: exit 1, each diagnostic printed once at the tensor, the hint names --remat', async () => {
  const m = memoryIO({ 'deep.gshard': DEEP });
  assert.equal(await runCli(['cost', 'deep.gshard', '--train-estimate', '--remat=none'], m.io), 1);
  assert.doesNotMatch(m.out, /error\[/, 'the report on stdout does not repeat the diagnostics');
  assert.doesNotMatch(m.err, /deep\.gshard:1:1:/);
  const summary = m.err.split('\n').filter((l) => /error\[cost-hbm-overflow\]: needs/.test(l));
  assert.equal(summary.length, 1);
  assert.match(summary[0]!, /^deep\.gshard:(8|9):\d+: .*rerun with --remat=all/);
  assert.match(m.err, /--remat=all would keep it only while its layer runs/);
});

test('--remat=all and a bare --remat rematerialise even when the step fits; --remat=none does not', async () => {
  const small = DEEP.replace('dim B = 8192', 'dim B = 256');
  const modes = [['--remat=all', true], ['--remat', true], ['--remat=none', false], ['--remat=auto', false]] as const;
  for (const [flag, on] of modes) {
    const m = memoryIO({ 's.gshard': small });
    assert.equal(await runCli(['cost', 's.gshard', '--train-estimate', '--json', flag], m.io), 0, `${flag}: ${m.err}`);
    assert.equal(JSON.parse(m.out).remat, on, flag);
  }
});

test('--remat with an unknown mode is a usage error naming the modes', async () => {
  const m = memoryIO({ 'deep.gshard': DEEP });
  assert.equal(await runCli(['cost', 'deep.gshard', '--train-estimate', '--remat=some'], m.io), 2);
  assert.match(m.err, /--remat must be one of none, all, auto, not 'some'/);
});
