// `--json` on every command: one JSON object on stdout, with and without errors in the file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gshard } from './helpers.js';

const CLEAN = 'examples/moe_layer.gshard';
const BROKEN = 'examples/errors/shape-errors.gshard';
const RUNS: string[][] = [
  ['check'], ['compile', '--emit', 'ir'], ['compile', '--emit', 'sharded'], ['compile', '--emit', 'spmd'], ['explain'], ['cost'],
  ['cost', '--train-estimate'], ['export', '--format', 'jax'], ['export', '--format', 'stablehlo'], ['show', '@', 'h'],
];
const argsFor = (cmd: string[], file: string) => (cmd.includes('@') ? cmd.map((a) => (a === '@' ? file : a)) : [...cmd.slice(0, 1), file, ...cmd.slice(1)]);

interface JsonDiag { code: string; severity: string; message: string; file: string; span: { start: { line: number; col: number } } }

test('--json with a clean file: valid JSON with a diagnostics list; exit 0', () => {
  for (const cmd of [...RUNS, ['run']]) {
    const r = gshard([...argsFor(cmd, CLEAN), '--json']);
    assert.equal(r.status, 0, `${cmd.join(' ')}: ${r.stderr}`);
    const json = JSON.parse(r.stdout) as { diagnostics: unknown[] };
    assert.ok(Array.isArray(json.diagnostics), cmd.join(' '));
  }
});

test('--json with errors in the file: {"diagnostics": [...]} with code, severity, message, file, span; exit 1', () => {
  for (const cmd of [...RUNS, ['run']]) {
    const r = gshard([...argsFor(cmd, BROKEN), '--json']);
    assert.equal(r.status, 1, cmd.join(' '));
    const json = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    const errors = json.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(errors.length > 0, `${cmd.join(' ')}: ${r.stdout.slice(0, 200)}`);
    for (const d of errors) {
      assert.equal(d.file, BROKEN);
      assert.ok(d.code && d.message && d.span.start.line >= 1, JSON.stringify(d));
    }
  }
});

test('--json when the file cannot be read, and for a name show cannot find', () => {
  for (const cmd of RUNS) {
    const r = gshard([...argsFor(cmd, 'no/such.gshard'), '--json']);
    assert.equal(r.status, 1, cmd.join(' '));
    const json = JSON.parse(r.stdout) as { diagnostics: JsonDiag[] };
    assert.equal(json.diagnostics[0]!.code, 'io-read', cmd.join(' '));
  }
  const missing = JSON.parse(gshard(['show', CLEAN, 'nope', '--json']).stdout) as { diagnostics: JsonDiag[] };
  assert.equal(missing.diagnostics[0]!.code, 'cli-unknown-tensor');
});

test('--json on a usage error still prints JSON (exit 2)', () => {
  const r = gshard(['cost', CLEAN, '--json', '--trian']);
  assert.equal(r.status, 2);
  assert.equal((JSON.parse(r.stdout) as { diagnostics: JsonDiag[] }).diagnostics[0]!.code, 'cli-usage');
});
