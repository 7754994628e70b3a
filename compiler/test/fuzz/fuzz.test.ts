// The bounded fuzz run of the normal test suite: a fixed seed, a fixed number of inputs, in worker
// threads under a watchdog so a hang fails this test instead of freezing CI.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runWithWatchdog } from './watchdog.js';
import { knownBugOf } from './known-bugs.js';

/** Fixed so CI is reproducible; `FUZZ_SEED` / `FUZZ_RUNS` override for local runs (see docs/fuzzing.md). */
const SEED = Number(process.env['FUZZ_SEED'] ?? 20261129);
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 1000);

test(`fuzz: ${RUNS} inputs, seed ${SEED}: every stage returns diagnostics or a result`, { timeout: 600_000 }, async () => {
  const result = await runWithWatchdog({
    // Generous bounds (wall clock, on a possibly loaded CI machine): correctness, not speed.
    seed: SEED, start: 0, end: RUNS, budgetMs: 15000, hangMs: 60000, workers: 2,
    stackSizeMb: 1, heapMb: 1024, cli: true, minimize: true,
  });
  const known = result.found.filter((f) => knownBugOf(f.failure, f.text));
  const fresh = result.found.filter((f) => !knownBugOf(f.failure, f.text));
  console.log(`fuzz: seed ${SEED}: ${result.tried} inputs ${JSON.stringify(result.byFamily)}, ${result.compiled} compiled to IR, ` +
    `${result.failures} failing checks, ${result.found.length} distinct (${known.length} known bugs), slowest ${result.maxMs.toFixed(0)} ms`);
  for (const f of known) console.log(`  known bug ${knownBugOf(f.failure, f.text)!.id} at input ${f.index} (${f.family}: ${f.how})`);
  const describe = fresh.map((f) => `input ${f.index} (${f.family}: ${f.how}): ${f.failure.stage} ${f.failure.kind}: ${f.failure.message.split('\n')[0]}\n` +
    `  ${JSON.stringify((f.minimized ?? f.text).slice(0, 400))}\n  reproduce: node scripts/fuzz.js --seed ${SEED} --show ${f.index}\n${f.failure.stack?.split('\n').slice(0, 4).join('\n') ?? ''}`);
  assert.equal(result.tried, RUNS, 'every input was tried');
  // The structured families must reach the later stages, or the fuzzer only tests the parser.
  assert.ok(result.compiled > RUNS * 0.2, `only ${result.compiled} of ${RUNS} inputs compiled to IR`);
  assert.deepEqual(describe, [], `new failures (add a regression test, see docs/fuzzing.md):\n${describe.join('\n')}`);
});
