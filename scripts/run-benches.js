#!/usr/bin/env node
// `npm run bench`: runs every bench (bench/*.js and bench/*/run.js) as a child process with a time
// limit, collects the `BENCH_JSON {...}` line each prints (convention: bench/README.md), prints one
// table beside the previous run's figures with the ratio, and writes bench/results/latest.json.
//   node scripts/run-benches.js [FILTER...]     only benches whose path contains a filter
//   BENCH_TIMEOUT_S=600 npm run bench           per-bench time limit (default 900 s)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
const latestPath = join(resultsDir, 'latest.json');
const timeoutMs = Number(process.env.BENCH_TIMEOUT_S ?? 900) * 1000;
const filters = process.argv.slice(2);

function findBenches() {
  const out = [];
  for (const name of readdirSync(benchDir).sort()) {
    const path = join(benchDir, name);
    if (name.endsWith('.js') && statSync(path).isFile()) out.push(path);
    else if (statSync(path).isDirectory() && name !== 'results' && existsSync(join(path, 'run.js'))) out.push(join(path, 'run.js'));
  }
  return out.filter((p) => filters.length === 0 || filters.some((f) => relative(root, p).includes(f)));
}

/** A bench's name: `parse` for bench/parse.js, `lsp` for bench/lsp/run.js. */
const benchName = (path) => relative(benchDir, path).replace(/\/run\.js$/, '').replace(/\.js$/, '');

/** BENCH_JSON payload -> rows [{ name, value, unit?, better? }]: a `rows` array, or every numeric field. */
export function rowsOf(payload) {
  if (Array.isArray(payload.rows)) {
    return payload.rows
      .filter((r) => r && typeof r.value === 'number' && Number.isFinite(r.value))
      .map((r) => ({ name: String(r.name ?? '?'), value: r.value, ...(r.unit ?? payload.unit ? { unit: r.unit ?? payload.unit } : {}), ...(r.better ? { better: r.better } : {}) }));
  }
  return Object.entries(payload)
    .filter(([k, v]) => k !== 'bench' && typeof v === 'number' && Number.isFinite(v))
    .map(([name, value]) => ({ name, value }));
}

function runOne(path) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [path], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Date.now() - t0;
      const payloads = [];
      for (const line of stdout.split('\n')) {
        const m = /^BENCH_JSON (.*)$/.exec(line.trim());
        if (!m) continue;
        try {
          payloads.push(JSON.parse(m[1]));
        } catch (e) {
          payloads.push({ error: `bad BENCH_JSON: ${e.message}` });
        }
      }
      const rows = payloads.flatMap((p) => (p.error ? [] : rowsOf(p)));
      const status = signal === 'SIGKILL' ? `timeout after ${timeoutMs / 1000} s` : code !== 0 ? `exit ${code ?? signal}` : payloads.length === 0 ? 'no BENCH_JSON line' : 'ok';
      resolve({ status, ms, rows, ...(status !== 'ok' ? { tail: stderr.trim().split('\n').slice(-3).join('\n') } : {}) });
    });
  });
}

function fmt(v) {
  if (v === undefined) return '';
  const a = Math.abs(v);
  return a !== 0 && (a >= 1e6 || a < 1e-3) ? v.toExponential(2) : Number.isInteger(v) ? String(v) : v.toFixed(a >= 100 ? 1 : 3);
}

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => `| ${r.map((c, i) => (i >= 2 ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join(' | ')} |`;
  return [line(rows[0]), `|${widths.map((w, i) => (i >= 2 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.slice(1).map(line)].join('\n');
}

const previous = existsSync(latestPath) ? JSON.parse(readFileSync(latestPath, 'utf8')) : undefined;
const benches = findBenches();
if (benches.length === 0) {
  console.error(`run-benches: no bench matches ${filters.join(', ') || '(none in bench/)'}`);
  process.exit(1);
}
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout?.trim() || 'unknown';
const results = {};
for (const path of benches) {
  const name = benchName(path);
  console.log(`\n=== bench ${name} (${relative(root, path)}) ===`);
  results[name] = await runOne(path);
}

const header = ['bench', 'measure', 'value', 'unit', previous ? `previous (${previous.commit})` : 'previous', 'ratio'];
const out = [header];
for (const [name, r] of Object.entries(results)) {
  const before = previous?.benches?.[name];
  const prevRows = new Map((before?.rows ?? []).map((x) => [x.name, x.value]));
  if (r.status !== 'ok') out.push([name, `(${r.status})`, '', '', '', '']);
  for (const row of r.rows) {
    const p = prevRows.get(row.name);
    out.push([name, row.name, fmt(row.value), row.unit ?? '', fmt(p), p ? (row.value / p).toFixed(2) : '']);
  }
  out.push([name, 'bench wall time', fmt(r.ms / 1000), 's', fmt(before?.ms !== undefined ? before.ms / 1000 : undefined), before?.ms ? (r.ms / before.ms).toFixed(2) : '']);
}
console.log(`\n${table(out)}`);

// Benches not run this time keep their previous figures, so latest.json always covers every bench.
const merged = { ...(previous?.benches ?? {}), ...results };
mkdirSync(resultsDir, { recursive: true });
writeFileSync(latestPath, `${JSON.stringify({ when: new Date().toISOString(), commit, node: process.version, benches: merged }, null, 2)}\n`);
console.log(`\nwrote ${relative(root, latestPath)}`);
for (const [name, r] of Object.entries(results)) if (r.status !== 'ok') console.error(`bench ${name}: ${r.status}${r.tail ? `\n${r.tail}` : ''}`);
// A bench without a BENCH_JSON line still ran: only a crash or a timeout fails the run.
const failed = Object.entries(results).filter(([, r]) => r.status !== 'ok' && r.status !== 'no BENCH_JSON line');
process.exit(failed.length > 0 ? 1 : 0);
