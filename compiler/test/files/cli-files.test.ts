// The files `gshard` reads and writes, driven through the built CLI as a user would: devices, FIFOs
// and directories refused without blocking, --inputs and --save checked before the run, saves
// complete or absent, and a manifest that round-trips.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT, examplePath } from '../helpers/repo.js';

const GSHARD = join(ROOT, 'cli', 'bin', 'gshard.js');
const M = examplePath('data_parallel_mlp.gshard');

/** Runs the CLI with a deadline: a hang fails the test instead of stalling the suite. */
function gshard(args: string[], cwd: string, timeout = 60_000) {
  const r = spawnSync(process.execPath, [GSHARD, ...args], { cwd, encoding: 'utf8', timeout, env: { ...process.env, NO_COLOR: '1' } });
  assert.notEqual(r.signal, 'SIGTERM', `gshard ${args.join(' ')} did not return within ${timeout} ms`);
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('files gshard reads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-files-'));

  it('check /dev/zero is refused at once as a device, not read until memory runs out', () => {
    const r = gshard(['check', '/dev/zero'], dir, 10_000);
    assert.equal(r.code, 1);
    assert.match(r.err, /\/dev\/zero: error\[io-not-a-file\]: .*character device/);
  });

  it('a FIFO or a directory given as the source file is refused without blocking', () => {
    mkfifo(join(dir, 'pipe.gshard'));
    const fifo = gshard(['check', 'pipe.gshard'], dir, 10_000);
    assert.equal(fifo.code, 1);
    assert.match(fifo.err, /error\[io-not-a-file\]: .*named pipe/);
    const d = gshard(['explain', '.'], dir, 10_000);
    assert.equal(d.code, 1);
    assert.match(d.err, /error\[io-not-a-file\]: .*directory/);
  });

  it('a source file over the size limit is refused from its size, naming the limit', () => {
    writeFileSync(join(dir, 'big.gshard'), 'x'.repeat(2000));
    const r = spawnSync(process.execPath, [GSHARD, 'check', 'big.gshard'], {
      cwd: dir, encoding: 'utf8', timeout: 10_000, env: { ...process.env, GSHARD_MAX_FILE_BYTES: '1000' },
    });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /error\[io-too-large\]: .*2000 bytes exceeds the limit of 1000 bytes.*GSHARD_MAX_FILE_BYTES/);
  });

  it('an --inputs .npy that links to /dev/zero, or is a FIFO, is refused (not read, not waited on)', () => {
    const zero = join(dir, 'zero');
    mkdirSync(join(zero, 'inputs'), { recursive: true });
    symlinkSync('/dev/zero', join(zero, 'inputs', 'inputs.npy'));
    const z = gshard(['run', M, '--inputs', zero, '--generate-missing'], dir, 20_000);
    assert.equal(z.code, 1);
    assert.match(z.err, /inputs\.npy: .*character device/);
    const fifo = join(dir, 'fifo');
    mkdirSync(join(fifo, 'inputs'), { recursive: true });
    mkfifo(join(fifo, 'inputs', 'inputs.npy'));
    const f = gshard(['run', M, '--inputs', fifo, '--generate-missing'], dir, 20_000);
    assert.equal(f.code, 1);
    assert.match(f.err, /inputs\.npy: .*named pipe/);
  });
});

describe('--inputs DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-inputs-'));

  it('a directory that does not exist, a file, or a dangling link is an error before the run', () => {
    writeFileSync(join(dir, 'afile'), 'x');
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    for (const [path, why] of [['/nonexistent', /no such directory/], ['afile', /not a directory/], ['dangling', /symbolic link to a path that does not exist/]] as const) {
      const r = gshard(['run', M, '--inputs', path], dir);
      assert.equal(r.code, 1, `${path}: ${r.out}`);
      assert.match(r.err, /error\[io-inputs-dir\]/);
      assert.match(r.err, why);
      assert.doesNotMatch(r.out, /generated/);
    }
  });

  it('a feed missing from the directory is named, and generated only with --generate-missing', () => {
    mkdirSync(join(dir, 'partial', 'inputs'), { recursive: true });
    const r = gshard(['run', M, '--inputs', 'partial'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /no \.npy file for input 'inputs' \(inputs\/inputs\.npy\), param 'w1' \(params\/w1\.npy\)/);
    assert.match(r.err, /--generate-missing/);
    const g = gshard(['run', M, '--inputs', 'partial', '--generate-missing'], dir);
    assert.equal(g.code, 0, g.err);
    assert.match(g.out, /5 generated, 0 loaded/);
  });
});

describe('--save DIR', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-save-'));
  const noTemp = () => assert.deepEqual(readdirSync(dir).filter((n) => n.includes('gshard-tmp')), []);

  it('an existing file as the target is refused before the run (exit 1, no internal error)', () => {
    writeFileSync(join(dir, 'existing.txt'), 'keep me');
    const r = gshard(['run', M, '--save', 'existing.txt'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /error\[io-save-dir\]: --save existing\.txt: exists and is not a directory/);
    assert.doesNotMatch(r.err, /internal error/);
    assert.equal(r.out, '', 'refused before the run: no report');
    assert.equal(readFileSync(join(dir, 'existing.txt'), 'utf8'), 'keep me');
    noTemp();
  });

  it('a non-empty directory that is not a save is refused unless --force', () => {
    mkdirSync(join(dir, 'mine'));
    writeFileSync(join(dir, 'mine', 'notes.txt'), 'mine');
    const r = gshard(['run', M, '--save', 'mine'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /not empty and holds no previous gshard save.*--force/);
    assert.ok(existsSync(join(dir, 'mine', 'notes.txt')));
    const f = gshard(['run', M, '--save', 'mine', '--force'], dir);
    assert.equal(f.code, 0, f.err);
    assert.ok(existsSync(join(dir, 'mine', 'manifest.json')));
    noTemp();
  });

  it('`--save out/` writes manifest paths that round-trip through --inputs out/', () => {
    const r = gshard(['run', M, '--seed', '7', '--save', 'out/'], dir);
    assert.equal(r.code, 0, r.err);
    const manifest = JSON.parse(readFileSync(join(dir, 'out', 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    for (const f of manifest.files) assert.ok(existsSync(join(dir, 'out', f.path)), `manifest names ${f.path}, which is not there`);
    assert.ok(manifest.files.some((f) => f.path === 'inputs/inputs.npy'));
    const again = gshard(['run', M, '--seed', '8', '--inputs', 'out/', '--save', 'out2', '--json'], dir);
    assert.equal(again.code, 0, again.err);
    const j = JSON.parse(again.out) as { feeds: { source: string }[] };
    assert.ok(j.feeds.every((f) => f.source !== 'generated'), 'every feed loaded from out/');
    assert.deepEqual(readFileSync(join(dir, 'out2', 'outputs', 'result.npy')), readFileSync(join(dir, 'out', 'outputs', 'result.npy')));
    noTemp();
  });

  it('a save over a previous save replaces it, and never writes through a symlink inside it', () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'untouched');
    const prev = gshard(['run', M, '--save', 'again'], dir);
    assert.equal(prev.code, 0, prev.err);
    symlinkSync(victim, join(dir, 'again', 'outputs', 'link.npy'));
    const r = gshard(['run', M, '--save', 'again'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(victim, 'utf8'), 'untouched');
    assert.ok(!existsSync(join(dir, 'again', 'outputs', 'link.npy')), 'the old save was replaced whole');
    // a manifest.json that is a symlink does not make the directory a previous save
    mkdirSync(join(dir, 'trap'));
    symlinkSync(victim, join(dir, 'trap', 'manifest.json'));
    const t = gshard(['run', M, '--save', 'trap'], dir);
    assert.equal(t.code, 1);
    assert.equal(readFileSync(victim, 'utf8'), 'untouched');
    assert.ok(lstatSync(join(dir, 'trap', 'manifest.json')).isSymbolicLink());
    noTemp();
  });
});
