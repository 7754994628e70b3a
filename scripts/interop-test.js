#!/usr/bin/env node
// Interop test: each case exported as StableHLO (Shardy, GSPMD) and as a JAX script, run by XLA (jax 0.10.2 on
// fake CPU devices) on the inputs `gshard run --save` wrote; outputs vs the simulator, collectives vs ours.
//
//   node scripts/interop-test.js [--require] [CASE...]    (training cases: NAME_train, e.g. moe_decoder_lm_train)
//
// Needs a build (npx tsc -b). Makes a venv in tmp/venv-interop (GSHARD_INTEROP_VENV overrides) and pip-installs
// jax==0.10.2 jaxlib==0.10.2 into it. Where Python cannot be set up it prints why and exits 0, or 1 with
// --require (CI passes --require: there it must run). Last line: `interop: N passed, M failed`.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const argv = process.argv.slice(2);
const require_ = argv.includes('--require');
const only = argv.filter((a) => !a.startsWith('--'));
const venv = process.env.GSHARD_INTEROP_VENV ?? join(root, 'tmp', 'venv-interop');
const work = join(root, 'tmp', 'interop');
const JAX_VERSION = '0.10.2';

/**
 * The cases. `devices` is what XLA gets (XLA_FLAGS); `mesh` overrides the file's mesh for every tool.
 * `collectives`: kinds XLA must insert (`require`) and must not (`forbid`), and whether the set of kinds
 * must equal the partitioner's (`sameKinds`), where XLA and we are expected to agree.
 */
const CASES = [
  { name: 'moe_layer_x8', file: 'compiler/test/export/fixtures/moe_layer_x8.gshard', devices: 8,
    collectives: { require: ['all-to-all'], forbid: ['all-gather'], sameKinds: true } },
  { name: 'moe_layer', file: 'examples/moe_layer.gshard', devices: 16,
    collectives: { require: ['all-to-all'], forbid: ['all-gather'], sameKinds: true } },
  { name: 'data_parallel_mlp', file: 'examples/data_parallel_mlp.gshard', devices: 8,
    collectives: { require: [], forbid: ['all-gather', 'all-to-all', 'all-reduce', 'reduce-scatter', 'collective-permute'], sameKinds: true } },
  { name: 'dense_transformer', file: 'examples/dense_transformer.gshard', mesh: 'data=2,model=4', devices: 8,
    collectives: { require: ['all-gather', 'all-reduce'], forbid: ['all-to-all'], sameKinds: true } },
  // The model returns only its output, so XLA deletes the unused aux-loss reductions (two all-reduces) we keep.
  { name: 'moe_transformer', file: 'examples/moe_transformer.gshard', devices: 8,
    collectives: { require: ['all-to-all'], forbid: ['all-gather'], sameKinds: false } },
  // Megatron TP: one all-reduce after wo and one after w_down per block; XLA needs no more.
  { name: 'llama_block', file: 'examples/llama_block.gshard', devices: 8,
    collectives: { require: ['all-reduce'], forbid: ['all-to-all', 'all-gather'], sameKinds: true } },
  // i32 tokens and targets, causal attention, a top-2 MoE block, the loss and the logits.
  { name: 'moe_decoder_lm', file: 'examples/moe_decoder_lm.gshard', devices: 8,
    collectives: { require: ['all-to-all', 'all-reduce'], forbid: ['all-gather'], sameKinds: true } },
  // iota on a split dim, bool comparisons, select, the new elementwise math and the composite built-ins.
  { name: 'decoder_ops', file: 'compiler/test/export/fixtures/decoder_ops.gshard', devices: 8,
    collectives: { require: [], forbid: ['all-to-all'], sameKinds: false } },
  // dropout's hash: the same bits on XLA as on the simulated mesh, whatever the layout.
  { name: 'dropout', file: 'compiler/test/export/fixtures/dropout.gshard', devices: 8,
    collectives: { require: [], forbid: ['all-to-all'], sameKinds: false } },
  { name: 'slicing', file: 'compiler/test/export/fixtures/slicing.gshard', devices: 8,
    collectives: { require: [], forbid: ['all-to-all'], sameKinds: false } },
  { name: 'ops_coverage', file: 'compiler/test/export/fixtures/ops_coverage.gshard', devices: 8,
    collectives: { require: [], forbid: ['all-to-all'], sameKinds: true } },
];

/**
 * Training cases: per optimizer (and with ZeRO state), `gshard train --steps 1 --save` and the same step
 * exported (`export --train --format jax`) and run by XLA on the inputs and params gshard saved. Checked:
 * the loss at the initial params; jax.grad of the exported forward against gshard's gradients; the params
 * and optimizer state after the step against gshard's; the step against the optimizer's formula in numpy
 * applied to jax.grad; jax.grad against central differences of gshard's own forward (`gshard run`).
 */
const TRAIN_CASES = [
  { name: 'moe_decoder_lm', file: 'examples/moe_decoder_lm.gshard', devices: 8,
    optimizers: [['sgd'], ['adam'], ['adafactor'], ['adam', '--shard-optimizer-state']] },
  // The Megatron block (2-D mesh data=2, model=4) has no loss: the training tests' wrapper gives it
  // loss = reduce_mean(square(y)) (compiler/test/train/helpers.ts llamaWithLoss), written to the case's dir.
  { name: 'llama_block', file: 'examples/llama_block.gshard', withLoss: 'llamaWithLoss', devices: 8,
    optimizers: [['sgd'], ['adam'], ['adafactor'], ['adam', '--shard-optimizer-state']] },
];
/** Step of the finite differences (unit direction over all params); see interop/train_check.py. */
const FD_STEP = '2e-3';
/**
 * XLA vs gshard, relative to each tensor's largest magnitude: both f32, summed in different orders over
 * at most B*L = 128 tokens (gradients), and Adam's first step is ~lr * sign(g), which rounding can move
 * where |g| is near eps.
 */
const TRAIN_TOLERANCE = '1e-4';
/**
 * Adam's params after a step are compared where |g| >= 100 eps (eps = 1e-8): nearer eps its step
 * lr * g / (|g| + eps) turns f32 rounding of g into up to ~lr (interop/train_check.py well_conditioned);
 * the step's formula is still checked on every element (train_check.py optimizer, on XLA's own gradients).
 */
const ADAM_MIN_ABS_GRAD = '1e-6';

let passed = 0;
let failed = 0;
const check = (ok, what, detail = '') => {
  if (ok) passed++; else failed++;
  console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
};

function sh(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  return { ok: r.status === 0, status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}`, error: r.error };
}

function skip(reason) {
  console.log(`interop: SKIPPED: ${reason}`);
  console.log(`interop: 0 passed, ${require_ ? 1 : 0} failed${require_ ? ' (--require: Python and jax must be available here)' : ''}`);
  process.exit(require_ ? 1 : 0);
}

/** The venv with the pinned jax, made if missing; the reason as a skip when it cannot be. */
function setupPython() {
  const python = join(venv, 'bin', 'python');
  const haveJax = () => sh(python, ['-c', `import jax, jaxlib; assert jax.__version__ == "${JAX_VERSION}", jax.__version__`]).ok;
  if (existsSync(python) && haveJax()) return python;
  const py = sh('python3', ['--version']);
  if (!py.ok) skip(`python3 is not installed (${py.error?.message ?? py.out.trim()})`);
  if (!existsSync(python)) {
    const mk = sh('python3', ['-m', 'venv', venv]);
    if (!mk.ok) skip(`python3 -m venv ${venv} failed (on Debian: apt-get install -y python3-venv):\n${mk.out.trim()}`);
  }
  console.log(`interop: pip install jax==${JAX_VERSION} jaxlib==${JAX_VERSION} into ${venv}`);
  // Few retries: where only a local mirror answers, an unreachable index should fail fast, not back off for minutes.
  const pip = sh(python, ['-m', 'pip', 'install', '--retries', '1', '--timeout', '30', `jax==${JAX_VERSION}`, `jaxlib==${JAX_VERSION}`]);
  if (!pip.ok || !haveJax()) skip(`pip could not install jax==${JAX_VERSION} jaxlib==${JAX_VERSION}:\n${pip.out.trim().split('\n').slice(-6).join('\n')}`);
  return python;
}

/** A CliIO that keeps what a command prints, shown only when it fails. */
function bufferIO(nodeIO) {
  let text = '';
  return { io: { ...nodeIO, out: (t) => { text += t; }, err: (t) => { text += t; }, color: false, errColor: false }, text: () => text };
}

async function main() {
  const dist = join(root, 'compiler', 'dist', 'src');
  if (!existsSync(join(dist, 'cli', 'commands', 'export.js'))) {
    console.log('interop: no build found: run `npx tsc -b` first');
    console.log('interop: 0 passed, 1 failed');
    process.exit(1);
  }
  const python = setupPython();
  const { exportCommand } = await import(join(dist, 'cli', 'commands', 'export.js'));
  const { runCommand } = await import(join(dist, 'cli', 'commands', 'run.js'));
  const { nodeIO } = await import(join(dist, 'cli', 'io.js'));
  const { parseMeshOption } = await import(join(dist, 'cli', 'mesh-option.js'));
  const { runPipeline } = await import(join(dist, 'passes', 'run-pipeline.js'));
  const { collectivesJson } = await import(join(dist, 'partition', 'spmd-view.js'));
  console.log(`interop: ${sh(python, ['-c', 'import jax, jaxlib, numpy; print(f"jax {jax.__version__}, jaxlib {jaxlib.__version__}, numpy {numpy.__version__}")']).out.trim()}`);

  for (const c of CASES.filter((x) => only.length === 0 || only.includes(x.name))) {
    const dir = join(work, c.name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const meshArgs = c.mesh ? ['--mesh', c.mesh] : [];
    const env = { ...process.env, XLA_FLAGS: `--xla_force_host_platform_device_count=${c.devices}`, TF_CPP_MIN_LOG_LEVEL: '2' };
    console.log(`\n== ${c.name} (${c.file}${c.mesh ? ` --mesh ${c.mesh}` : ''}, ${c.devices} XLA CPU devices)`);

    // The simulator: inputs, params and its outputs as .npy.
    const run = bufferIO(nodeIO);
    const t0 = Date.now();
    const runStatus = await runCommand([c.file, ...meshArgs, '--save', join(dir, 'run'), '--workers', '0'], run.io);
    check(runStatus === 0, `${c.name}: gshard run --save (simulated mesh equals reference)`, runStatus === 0 ? `${((Date.now() - t0) / 1000).toFixed(1)} s` : `exit ${runStatus}\n${run.text()}`);
    if (runStatus !== 0 && !existsSync(join(dir, 'run', 'outputs'))) continue;

    const exported = (format, extra, out) => {
      const b = bufferIO(nodeIO);
      const status = exportCommand([c.file, ...meshArgs, '--format', format, ...extra, '-o', out], b.io);
      if (status !== 0) check(false, `${c.name}: gshard export --format ${format} ${extra.join(' ')}`, b.text());
      return status === 0;
    };
    const manifest = join(dir, 'model.json');
    const ok1 = exported('stablehlo', ['--shardings', 'shardy', '--manifest', manifest], join(dir, 'shardy.mlir'));
    const ok2 = exported('stablehlo', ['--shardings', 'gspmd'], join(dir, 'gspmd.mlir'));
    const ok3 = exported('jax', [], join(dir, 'model.py'));
    if (!ok1) continue; // the manifest names the outputs and places the inputs for every variant
    const names = JSON.parse(readFileSync(manifest, 'utf8')).results.map((r) => r.name);

    const variants = [
      ok1 && { label: 'StableHLO + Shardy', args: [join(root, 'interop', 'run_stablehlo.py'), join(dir, 'shardy.mlir'), '--manifest', manifest], key: 'shardy' },
      ok2 && { label: 'StableHLO + GSPMD', args: [join(root, 'interop', 'run_stablehlo.py'), join(dir, 'gspmd.mlir'), '--manifest', manifest], key: 'gspmd' },
      ok3 && { label: 'JAX script', args: [join(dir, 'model.py')], key: 'jax' },
    ].filter(Boolean);
    for (const v of variants) {
      const out = join(dir, v.key);
      const r = sh(python, [...v.args, '--data', join(dir, 'run'), '--out', out, '--dump-hlo', join(dir, `${v.key}.hlo`)], { env });
      if (!r.ok) { check(false, `${c.name}: ${v.label} on XLA`, r.out.trim().split('\n').slice(-15).join('\n')); continue; }
      // Against the simulated mesh (what `gshard run` printed) and its single-device reference.
      const vsMesh = sh(python, [join(root, 'interop', 'compare.py'), 'outputs', join(out, 'outputs'), join(dir, 'run', 'outputs'), ...names]);
      const vsRef = sh(python, [join(root, 'interop', 'compare.py'), 'outputs', join(out, 'outputs'), join(dir, 'run', 'reference'), ...names]);
      const worst = (text) => Math.max(0, ...[...text.matchAll(/max rel ([0-9.e+-]+)/g)].map((m) => Number(m[1])));
      const good = vsMesh.ok && vsRef.ok;
      check(good, `${c.name}: ${v.label} outputs equal the simulator's`, good
        ? `${names.length} output(s), max rel ${worst(vsMesh.out).toExponential(1)} vs the mesh, ${worst(vsRef.out).toExponential(1)} vs the reference`
        : `\n  vs simulated mesh:\n${vsMesh.out.trimEnd()}\n  vs reference:\n${vsRef.out.trimEnd()}`);
    }

    // Collectives: what XLA inserted (Shardy-partitioned HLO) vs what our partitioner inserts.
    const hlo = join(dir, 'shardy.hlo');
    if (!existsSync(hlo)) continue;
    const xla = JSON.parse(sh(python, [join(root, 'interop', 'compare.py'), 'collectives', hlo]).out);
    const spmd = runPipeline(readFileSync(c.file, 'utf8'), c.mesh ? { mesh: parseMeshOption(c.mesh) } : {}).spmd;
    const ours = {};
    for (const k of collectivesJson(spmd)) { const kind = k.kind.replace(/_/g, '-'); ours[kind] = (ours[kind] ?? 0) + 1; }
    const fmt = (o) => (Object.keys(o).length === 0 ? 'none' : Object.entries(o).sort().map(([k, n]) => `${n} ${k}`).join(', '));
    const detail = `XLA: ${fmt(xla)}; gshard: ${fmt(ours)}`;
    if (!c.collectives) { console.log(`info ${c.name}: collectives (not asserted) ${detail}`); continue; }
    const missing = c.collectives.require.filter((k) => !xla[k] || !ours[k]);
    const extra = c.collectives.forbid.filter((k) => xla[k] || ours[k]);
    const kinds = (o) => Object.keys(o).sort().join(',');
    const same = !c.collectives.sameKinds || kinds(xla) === kinds(ours);
    const why = [missing.length ? `missing ${missing.join(', ')}` : '', extra.length ? `unexpected ${extra.join(', ')}` : '', same ? '' : 'kinds differ'].filter(Boolean).join('; ');
    check(missing.length === 0 && extra.length === 0 && same, `${c.name}: collectives`, `${detail}${why ? ` (${why})` : ''}`);
  }
  for (const c of TRAIN_CASES.filter((x) => only.length === 0 || only.includes(`${x.name}_train`))) {
    await trainCase(c, python, { runCommand, exportCommand, nodeIO });
  }
  console.log(`\n(files are under ${work})`);
  console.log(`interop: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

async function trainCase(c, python, { runCommand, exportCommand, nodeIO }) {
  const dir = join(work, `${c.name}_train`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, XLA_FLAGS: `--xla_force_host_platform_device_count=${c.devices}`, TF_CPP_MIN_LOG_LEVEL: '2' };
  const checker = join(root, 'interop', 'train_check.py');
  const { trainCommand } = await import(join(root, 'compiler', 'dist', 'src', 'cli', 'commands', 'train.js'));
  console.log(`\n== ${c.name}_train (${c.file}${c.withLoss ? ` with the loss of ${c.withLoss}` : ''}, `
    + `gshard train vs export --train on ${c.devices} XLA CPU devices)`);
  if (c.withLoss) {
    const helpers = await import(join(root, 'compiler', 'dist', 'test', 'train', 'helpers.js'));
    const file = join(dir, `${c.name}_loss.gshard`);
    writeFileSync(file, helpers[c.withLoss]());
    c = { ...c, file };
  }
  let sgd;
  for (const flags of c.optimizers) {
    const label = flags.join(' ');
    const key = flags.join('').replace(/--shard-optimizer-state/, '_zero');
    const gshard = join(dir, `gshard_${key}`);
    const t = bufferIO(nodeIO);
    const status = await trainCommand([c.file, '--steps', '1', '--optimizer', ...flags, '--save', gshard, '--workers', '0'], t.io);
    if (status !== 0) {
      check(false, `${c.name}: gshard train --optimizer ${label} --save`, t.text());
      // exit 1 with the run saved: the mesh differs from gshard's reference; XLA is still compared with both
      if (!existsSync(join(gshard, 'manifest.json'))) continue;
    }
    const script = join(dir, `train_${key}.py`);
    const b = bufferIO(nodeIO);
    const exported = exportCommand([c.file, '--format', 'jax', '--train', '--optimizer', ...flags, '-o', script], b.io);
    if (exported !== 0) { check(false, `${c.name}: export --train --optimizer ${label}`, b.text()); continue; }
    const out = join(dir, `xla_${key}`);
    const hlo = join(dir, `train_${key}.hlo`);
    const r = sh(python, [script, '--data', gshard, '--out', out, '--steps', '1', '--dump-hlo', hlo], { env });
    if (!r.ok) { check(false, `${c.name}: train_step (${label}) on XLA`, r.out.trim().split('\n').slice(-15).join('\n')); continue; }
    const loss = JSON.parse(readFileSync(join(out, 'losses.json'), 'utf8'))[0];
    const want = JSON.parse(readFileSync(join(gshard, 'manifest.json'), 'utf8')).losses[0];
    const lossRel = Math.abs(loss - want) / Math.abs(want);
    check(lossRel <= 1e-5, `${c.name}: train_step (${label}) loss at the initial params equals gshard train's`,
      `${loss} vs ${want} (rel ${lossRel.toExponential(1)})`);
    for (const [sub, what] of [['grads', 'jax.grad of the exported forward equals gshard\'s gradients'],
      ['final', 'params after one step on XLA equal gshard\'s'], ['optimizer', 'optimizer state after one step equals gshard\'s']]) {
      // sgd keeps no state: nothing to compare (a check over no arrays would pass on nothing)
      const npy = (d) => existsSync(d) && readdirSync(d).some((f) => f.endsWith('.npy'));
      if (!npy(join(out, sub)) || !npy(join(gshard, sub))) continue;
      // Adam's params: only where the step is well conditioned (|g| >= 100 eps; train_check.py well_conditioned)
      const adamFinal = sub === 'final' && flags[0] === 'adam' ? [join(gshard, 'grads'), ADAM_MIN_ABS_GRAD] : [];
      const g = sh(python, [checker, 'arrays', join(out, sub), join(gshard, sub), TRAIN_TOLERANCE, ...adamFinal]);
      check(g.ok, `${c.name}: ${what} (${label})`, g.out.trim());
    }
    const opt = sh(python, [checker, 'optimizer', script, gshard, out]);
    check(opt.ok, `${c.name}: params after one ${label} step equal the optimizer's formula (numpy) applied to jax.grad`, opt.out.trim());
    const xla = JSON.parse(sh(python, [join(root, 'interop', 'compare.py'), 'collectives', hlo]).out);
    console.log(`info ${c.name}: collectives of XLA's compiled train_step (${label}): ${Object.entries(xla).sort().map(([k, n]) => `${n} ${k}`).join(', ')}`);
    if (label === 'sgd') sgd = { gshard, out };
  }
  if (!sgd) return;
  // jax.grad of the exported forward against gshard's own forward: central differences along two directions.
  const fd = join(dir, 'fd');
  const p = sh(python, [checker, 'perturb', sgd.gshard, join(sgd.out, 'grads'), fd, FD_STEP, '0']);
  if (!p.ok) { check(false, `${c.name}: finite-difference inputs`, p.out); return; }
  for (const d of ['plus-grad', 'minus-grad', 'plus-random', 'minus-random']) {
    const b = bufferIO(nodeIO);
    const s = await runCommand([c.file, '--inputs', join(fd, d), '--save', join(fd, d, 'out'), '--workers', '0'], b.io);
    if (s !== 0) { check(false, `${c.name}: gshard run at params ${d}`, b.text()); return; }
  }
  const dd = sh(python, [checker, 'directional', fd, FD_STEP]);
  check(dd.ok, `${c.name}: jax.grad of the exported forward agrees with central differences of gshard's forward`, dd.out.trim());
}

await main();
