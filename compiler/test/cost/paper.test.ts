// GShard's Table 3 models (examples/paper/*.gshard, examples/gshard_600b.gshard) through the pipeline and the cost
// model: files in step with their generator, every row's estimate under 16 GiB per core (remat chosen only where
// needed), and the README's `gshard cost examples/gshard_600b.gshard --train` fitting with the bench's numbers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse, print } from '@gshard/grammar';
import { costModule } from '../../src/cost/index.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { compile, examplePath, exampleFiles, readText, ROOT } from '../helpers/repo.js';

const GIB = 2 ** 30;
const node = (args: string[]) => spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });

test('examples/paper and the 600B example are what scripts/paper-models.js writes', () => {
  const r = node([join(ROOT, 'scripts/paper-models.js'), '--check']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(exampleFiles('examples/paper').length, 6);
  for (const file of exampleFiles('examples/paper')) {
    const text = readText(file);
    const parsed = parse(text);
    assert.deepEqual(parsed.diagnostics, [], file);
    assert.equal(print(parsed.program), text, `${file} is not in the printer's canonical form`);
  }
});

test('every paper model fits in 16 GiB per core with --remat=auto; 12L needs no remat at 512, 2048 cores', () => {
  const files = [...exampleFiles('examples/paper'), examplePath('gshard_600b.gshard')];
  for (const file of files) {
    const r = costModule(compile(readText(file)).spmd, { train: true, remat: 'auto' });
    assert.ok(r.memory.peakBytes < 16 * GIB, `${file}: ${(r.memory.peakBytes / GIB).toFixed(2)} GiB`);
    assert.equal(r.fits, true, file);
    if (/(512|2048)e_12l/.test(file)) assert.equal(r.remat, false, file);
    if (/36l|60l|600b/.test(file)) {
      assert.equal(r.remat, true, file);
      assert.ok(r.peakBytesWithoutRemat! > 16 * GIB, file);
    }
  }
});

test('README: `cost examples/gshard_600b.gshard --train` (Adafactor) fits with remat, equals the bench', () => {
  const cli = join(ROOT, 'cli/bin/gshard.js');
  // The real training program, with the file's `remat repeat` marks (GShard trained 36L with remat).
  const text = node([cli, 'cost', 'examples/gshard_600b.gshard', '--train', '--optimizer', 'adafactor']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /training step with rematerialisation/);
  assert.match(text.stdout, /rematerialised +18 layer instances: \d+ forward ops recomputed/);
  const hbm = /HBM per device +(\d+\.\d+) GiB of 16\.00 GiB:/.exec(text.stdout);
  assert.ok(hbm, text.stdout);
  const without = /peak live bytes \S+ GiB with remat, (\d+\.\d) GiB without/.exec(text.stdout);
  assert.ok(Number(without?.[1]) > 16, 'without remat the step does not fit');
  const step = /step time +(\d+\.\d+) ms/.exec(text.stdout);
  assert.ok(step, text.stdout);
  // The estimate stays an option: it chooses remat itself (--remat=auto) and exits 0.
  const est = node([cli, 'cost', 'examples/gshard_600b.gshard', '--train-estimate']);
  assert.equal(est.status, 0, est.stderr);
  assert.match(est.stdout, /--remat=auto chose rematerialisation: without it the step needs \d+\.\d+ GiB/);
  const json = JSON.parse(node([cli, 'cost', 'examples/gshard_600b.gshard', '--train-estimate', '--json']).stdout);
  assert.equal(json.remat, true);
  assert.equal(json.rematMode, 'auto');
  const bench = node([join(ROOT, 'bench/paper.js'), '--json', '--only', 'MoE(2048E, 36L)']);
  assert.equal(bench.status, 0, bench.stderr);
  const rows = bench.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 1);
  const row = rows[0];
  assert.equal(row.file, 'examples/gshard_600b.gshard');
  assert.equal(row.optimizer, 'adafactor');
  assert.equal((row.stepSeconds * 1000).toFixed(2), step[1], 'the bench row is the README command');
  assert.equal((row.hbmBytesPerDevice / GIB).toFixed(2), hbm[1]);
  assert.equal(row.remat, true);
  assert.ok(row.rematSeconds > 0);
  assert.ok(row.peakBytesWithoutRemat > 16 * GIB && row.hbmBytesPerDevice < 16 * GIB);
  assert.equal(row.estimateStepSeconds, +json.stepSeconds.toFixed(6));
  assert.equal(row.estimateHbmBytesPerDevice, json.hbmBytesPerDevice);
  const fields = ['name', 'cores', 'layers', 'paperStepsPerSecond', 'stepsPerSecond', 'ratio', 'hbmBytesPerDevice',
    'computeSeconds', 'allToAllSeconds', 'allReduceSeconds', 'rematSeconds', 'estimateRatio'];
  for (const k of fields) assert.ok(k in row, k);
  assert.equal(row.paperStepsPerSecond, 0.72);
});

// Guards the scaling §5 states (step 1.7x, all-to-all 3.75x, HBM O(1) in E): all-to-all ~sqrt(16) x 2 (C 2 -> 4).
test('GShard §5 at equal tokens per core: 128E -> 2048E step, all-to-all and HBM per core', () => {
  // The 128E-36L file resized to 2048 tokens per core (B = 1024 sentence pairs), as bench/paper-scaling.js does.
  const small = runPipeline(readText(examplePath('paper/moe_128e_36l.gshard')), { dims: new Map([['B', 1024]]) }).spmd!;
  const big = compile(readText(examplePath('gshard_600b.gshard'))).spmd;
  const a2a = (r: ReturnType<typeof costModule>) => r.step.collectives
    .filter((c) => c.kind === 'all_to_all' && c.phase === 'forward').reduce((s, c) => s + c.seconds, 0);
  const [s, b] = [small, big].map((m) => costModule(m, { train: true, remat: 'auto' }));
  const growth = b!.step.stepSeconds / s!.step.stepSeconds;
  assert.ok(growth > 1.4 && growth < 2.0, `step growth ${growth}`);             // paper: 1.7x
  const a2aGrowth = a2a(b!) / a2a(s!);
  assert.ok(a2aGrowth > 3 && a2aGrowth < 5, `all-to-all growth ${a2aGrowth}`);  // paper: 3.75x
  assert.ok(Math.abs(b!.memory.peakBytes / s!.memory.peakBytes - 1) < 0.1);     // paper: O(1) in E
});
