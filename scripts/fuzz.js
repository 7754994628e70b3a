#!/usr/bin/env node
// Long fuzz runs for local use (CI runs the bounded, fixed-seed one in compiler/test/fuzz/fuzz.test.ts).
//   node scripts/fuzz.js [--runs N] [--seed S] [--workers W] [--start I] [--no-cli] [--no-minimize] [--out FILE]
//   node scripts/fuzz.js --seed S --show I     prints input I of seed S (to reproduce one input)
// Exits 1 when it found a failure that is not a known bug (compiler/test/fuzz/known-bugs.ts).
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const dist = new URL('../compiler/dist/test/fuzz/', import.meta.url);
const { runWithWatchdog } = await import(new URL('watchdog.js', dist).href);
const { inputAt } = await import(new URL('inputs.js', dist).href);
const { knownBugOf } = await import(new URL('known-bugs.js', dist).href);

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const seed = Number(opt('seed', process.env.FUZZ_SEED ?? Date.now() % 1e9));
if (args.includes('--show')) {
  const input = inputAt(seed, Number(opt('show', '0')));
  process.stderr.write(`${input.family}: ${input.how}\n`);
  process.stdout.write(input.text);
  process.exit(0);
}
const runs = Number(opt('runs', process.env.FUZZ_RUNS ?? 10000));
const start = Number(opt('start', 0));
const workers = Number(opt('workers', Math.max(1, availableParallelism() - 0)));
const out = opt('out', 'fuzz-failures.json');

console.log(`fuzz: seed ${seed}, inputs ${start}..${start + runs}, ${workers} worker(s)`);
const t0 = Date.now();
let lastPrint = 0;
const result = await runWithWatchdog({
  seed, start, end: start + runs, budgetMs: 5000, hangMs: 20000, workers, stackSizeMb: 1, heapMb: 2048,
  cli: !args.includes('--no-cli'), minimize: !args.includes('--no-minimize'),
  onProgress: (done, total) => {
    if (Date.now() - lastPrint > 5000 || done === total) {
      lastPrint = Date.now();
      process.stderr.write(`  ${done}/${total} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`);
    }
  },
  onFailure: (f) => {
    const known = knownBugOf(f.failure, f.text);
    console.log(`\n${known ? `known bug ${known.id}` : 'NEW FAILURE'} at input ${f.index} (${f.family}: ${f.how})`);
    console.log(`  ${f.failure.stage} ${f.failure.kind}: ${f.failure.message.split('\n')[0]}`);
    if (f.failure.stack) console.log(f.failure.stack.split('\n').slice(1, 6).join('\n'));
    console.log(`  input: ${JSON.stringify((f.minimized ?? f.text).slice(0, 500))}${f.minimized !== undefined ? ' (minimized)' : ''}`);
    console.log(`  reproduce: node scripts/fuzz.js --seed ${seed} --show ${f.index}`);
  },
});
const fresh = result.found.filter((f) => !knownBugOf(f.failure, f.text));
console.log(`\nfuzz: ${result.tried} inputs (${JSON.stringify(result.byFamily)}), ${result.compiled} compiled to IR, ` +
  `${result.failures} failing checks, ${result.found.length} distinct failures (${fresh.length} new), ${result.restarts} worker restarts, ` +
  `slowest ${result.maxMs.toFixed(0)} ms (${result.maxMsHow}), ${((Date.now() - t0) / 1000).toFixed(0)} s`);
writeFileSync(out, JSON.stringify({ seed, start, runs, ...result }, null, 2));
console.log(`details: ${out}`);
process.exit(fresh.length > 0 ? 1 : 0);
