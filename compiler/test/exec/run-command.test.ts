// `gshard run` end to end: the report, --json fields, exit codes, --save files numpy can load, --inputs round trips, the memory guard, a mesh that no longer fits the annotations, and worker threads agreeing with one thread.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runCommand } from '../../src/cli/commands/run.js';
import type { CliIO } from '../../src/cli/io.js';
import { nodeIO } from '../../src/cli/io.js';
import { readNpy, arraysEqual } from '../../src/runtime/index.js';
import { compileSource, withSplits } from './helpers.js';
import { runModel } from '../../src/exec/run-model.js';
import { WorkerPool } from '../../src/exec/worker-pool.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

function captureIO(): CliIO & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return { ...nodeIO, out: (t) => { out += t; }, err: (t) => { err += t; }, color: false, stdout: () => out, stderr: () => err };
}

const SMALL_MOE = withSplits(readFileSync(`${examples}moe_layer.gshard`, 'utf8'), 4).replace('[x = 16]', '[x = 4]');

describe('gshard run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-run-'));
  const file = join(dir, 'moe.gshard');
  writeFileSync(file, SMALL_MOE);

  it('prints a report with errors, times, memory and the wasm binary, and exits 0 when equal', async () => {
    const io = captureIO();
    const code = await runCommand([file, '--workers', '0'], io);
    assert.equal(code, 0, io.stderr());
    const text = io.stdout();
    for (const want of [/4 simulated devices/, /tfjs-backend-wasm-simd\.wasm \(SIMD on, threads off\)|JS fallback/, /per device .* peak/, /reference +[\d.]+ ms/, /mesh +[\d.]+ ms/, /max rel/, /EQUAL/]) assert.match(text, want);
  });

  it('--json prints the documented fields', async () => {
    const io = captureIO();
    const code = await runCommand([file, '--json', '--workers', '0', '--seed', '3'], io);
    assert.equal(code, 0, io.stderr());
    const j = JSON.parse(io.stdout()) as Record<string, unknown>;
    for (const k of ['devices', 'maxAbsError', 'maxRelError', 'referenceMs', 'meshMs', 'backend', 'outputs']) assert.ok(k in j, `missing ${k}`);
    assert.equal(j['devices'], 4);
    assert.equal((j['outputs'] as unknown[]).length, 2);
    assert.ok((j['maxRelError'] as number) <= 1e-5);
  });

  it('--save writes .npy files (numpy reads them) and --inputs reloads them to the same outputs', async () => {
    const save = join(dir, 'saved');
    const io = captureIO();
    assert.equal(await runCommand([file, '--workers', '0', '--seed', '11', '--save', save], io), 0, io.stderr());
    for (const p of ['inputs/inputs.npy', 'params/wg.npy', 'params/wi.npy', 'params/wo.npy', 'outputs/outputs.npy', 'outputs/aux.npy', 'reference/outputs.npy', 'manifest.json']) {
      assert.ok(existsSync(join(save, p)), `missing ${p}`);
    }
    const py = spawnSync('python3', ['-c', `import numpy as np, sys\na = np.load(sys.argv[1]); print(a.dtype, a.shape)`, join(save, 'params/wi.npy')], { encoding: 'utf8' });
    if (py.status === 0) assert.equal(py.stdout.trim(), 'float32 (16, 32, 64)');
    // a different seed, but every input loaded from the directory: the same outputs
    const save2 = join(dir, 'saved2');
    const io2 = captureIO();
    assert.equal(await runCommand([file, '--workers', '0', '--seed', '99', '--inputs', save, '--save', save2], io2), 0, io2.stderr());
    assert.match(io2.stdout(), /0 generated, 4 loaded/);
    const a = readNpy(join(save, 'outputs/outputs.npy'), ['G', 'S', 'M']);
    const b = readNpy(join(save2, 'outputs/outputs.npy'), ['G', 'S', 'M']);
    assert.ok(arraysEqual(a, b));
  });

  it('an --inputs file of the wrong shape is a clear error (exit 1)', async () => {
    const bad = join(dir, 'bad');
    const io0 = captureIO();
    await runCommand([file, '--workers', '0', '--save', bad], io0);
    writeFileSync(join(bad, 'params/wg.npy'), readFileSync(join(bad, 'params/wi.npy')));
    const io = captureIO();
    assert.equal(await runCommand([file, '--workers', '0', '--inputs', bad], io), 1);
    assert.match(io.stderr(), /wg\.npy: .*shape/);
  });

  it('refuses a run over the memory limit before allocating, naming the estimate and how to raise it', async () => {
    const io = captureIO();
    const code = await runCommand([join(examples, 'gshard_600b.gshard'), '--workers', '0'], io);
    assert.equal(code, 1);
    assert.match(io.stderr(), /needs about [\d.]+ [KMGTP]iB/);
    assert.match(io.stderr(), /GSHARD_MAX_RUN_BYTES/);
  });

  it('a --mesh the annotations no longer fit is a clear error', async () => {
    const io = captureIO();
    const code = await runCommand([file, '--mesh', 'x=8', '--workers', '0'], io);
    assert.equal(code, 1);
    assert.match(io.stderr(), /split\(G, 4\)|Split\(G, 4\)/);
    assert.match(io.stderr(), /do not fit --mesh x=8/);
  });

  it('worker threads (each with its own wasm backend) give exactly the single-thread result', async () => {
    const { global, local } = compileSource(SMALL_MOE);
    const pool = await WorkerPool.start(2);
    try {
      const inThread = await runModel(global, local, { seed: 5 });
      const inWorkers = await runModel(global, local, { seed: 5, pool });
      assert.equal(inWorkers.workers, 2);
      assert.ok(inWorkers.equal);
      inThread.arrays.forEach((a, k) => assert.ok(arraysEqual(a.mesh, inWorkers.arrays[k]!.mesh), a.name));
    } finally {
      await pool.close();
    }
  });
});
