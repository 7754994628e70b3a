#!/usr/bin/env node
// Longer language-server fuzz runs (CI runs one fixed seed in lsp/test/fuzz-lsp.test.ts):
//   node scripts/fuzz-lsp.js [--rounds N] [--seed S] [--edits E] [--frames F]
// Each round is a fresh server with seed S + round; a failure prints the seed to replay it with.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const seed = Number(opt('seed', process.env.LSP_FUZZ_SEED ?? Date.now() % 1e9));
const rounds = Number(opt('rounds', 10));
const edits = opt('edits', '2000');
const frames = opt('frames', '500');
const test = new URL('../lsp/dist/test/fuzz-lsp.test.js', import.meta.url).pathname;
console.log(`lsp fuzz: seeds ${seed}..${seed + rounds - 1}, ${edits} edits and ${frames} malformed frames each`);
let failed = 0;
for (let k = 0; k < rounds; k++) {
  const env = { ...process.env, LSP_FUZZ_SEED: String(seed + k), LSP_FUZZ_EDITS: edits, LSP_FUZZ_FRAMES: frames };
  const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', test], { env, encoding: 'utf8' });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`  seed ${seed + k}: ${ok ? 'ok' : `FAILED (replay: LSP_FUZZ_SEED=${seed + k} LSP_FUZZ_EDITS=${edits} LSP_FUZZ_FRAMES=${frames} node scripts/run-tests.js fuzz-lsp)`}`);
  if (!ok) console.log(r.stdout.split('\n').filter((l) => l.trim()).slice(-30).join('\n'));
}
console.log(`lsp fuzz: ${rounds - failed}/${rounds} rounds passed`);
process.exit(failed ? 1 : 0);
