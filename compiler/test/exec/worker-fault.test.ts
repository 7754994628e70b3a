// Faults during `gshard run` through the built CLI: a worker that throws or dies ends the run with
// a clear error naming the device (exit 1) and saves nothing; Ctrl-C stops the run and leaves no
// temporary files. Faults are injected with GSHARD_INJECT_WORKER_FAULT.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, examplePath } from '../helpers/repo.js';

const GSHARD = join(ROOT, 'cli', 'bin', 'gshard.js');
const MOE = examplePath('moe_layer.gshard');

function runWithFault(fault: string, dir: string, workers: string) {
  return spawnSync(process.execPath, [GSHARD, 'run', MOE, '--workers', workers, '--save', 'saved'], {
    cwd: dir, encoding: 'utf8', timeout: 120_000, env: { ...process.env, GSHARD_INJECT_WORKER_FAULT: fault },
  });
}

describe('faults during a run', () => {
  it('a worker whose device throws: exit 1, the device named, nothing saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gshard-fault-'));
    const r = runWithFault('throw:5', dir, '2');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /simulated device 5 failed: injected fault/);
    assert.doesNotMatch(r.stderr, /internal error|    at /);
    assert.deepEqual(readdirSync(dir), [], 'no save and no temporary directory');
  });

  it('a worker thread that dies: exit 1, its devices named, the other workers stopped, nothing saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gshard-fault-'));
    const r = runWithFault('exit:1', dir, '3');
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /worker thread running simulated devices 0-\d died: exited with code 7/);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('Ctrl-C during a run stops it (workers included) and leaves no temporary files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gshard-int-'));
    const child = spawn(process.execPath, [GSHARD, 'run', MOE, '--workers', '2', '--save', 'saved'], {
      cwd: dir, env: { ...process.env, GSHARD_INJECT_WORKER_FAULT: 'hang:0' }, stdio: 'ignore',
    });
    const ended = new Promise<{ code: number | null; signal: string | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await new Promise((r) => setTimeout(r, 4000)); // the run is under way: device 0 hangs until interrupted
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const { code, signal } = await ended;
    clearTimeout(timer);
    assert.ok(signal === 'SIGINT' || code === 130, `ended with code ${code}, signal ${signal}`);
    assert.ok(!existsSync(join(dir, 'saved')));
    assert.deepEqual(readdirSync(dir), []);
  });
});
