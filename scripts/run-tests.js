#!/usr/bin/env node
// Runs every compiled test file (*/dist/test/**/*.test.js) with node's built-in test runner.
// Node 20's `--test` takes explicit files, so we list them here; extra args filter by substring.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const packages = ['grammar', 'compiler', 'lsp', 'cli'];
const filters = process.argv.slice(2);

function walk(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (name.endsWith('.test.js')) out.push(path);
  }
  return out;
}

const files = [];
for (const pkg of packages) {
  const dir = join(root, pkg, 'dist', 'test');
  if (existsSync(dir)) walk(dir, files);
}
const selected = files.filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (selected.length === 0) {
  console.error('run-tests: no test files found (did the build run?)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...selected], { stdio: 'inherit', cwd: root });
process.exit(result.status ?? 1);
