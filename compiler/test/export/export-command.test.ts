// `gshard export`: options, usage errors, files written through the CLI's IO, error exits; the 600B example exports.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../../src/cli/args.js';
import type { CliIO } from '../../src/cli/io.js';
import { exportCommand } from '../../src/cli/commands/export.js';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { checkMlirStructure, propagatedFile, ROOT } from './helpers.js';

function memoryIO(files: Record<string, string>): { io: CliIO; out: string[]; err: string[]; written: Map<string, string> } {
  const out: string[] = [];
  const err: string[] = [];
  const written = new Map<string, string>();
  const io: CliIO = {
    out: (t) => out.push(t), err: (t) => err.push(t),
    readFile: (p) => { if (p in files) return files[p]!; throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' }); },
    writeFile: (p, d) => written.set(p, typeof d === 'string' ? d : new TextDecoder().decode(d)),
    mkdir: () => {}, color: false,
  };
  return { io, out, err, written };
}

const MOE = readFileSync(join(ROOT, 'examples', 'moe_layer.gshard'), 'utf8');

test('export --format stablehlo writes Shardy by default, and -o and --manifest write files', () => {
  const { io, written } = memoryIO({ 'moe.gshard': MOE });
  assert.equal(exportCommand(['moe.gshard', '--format', 'stablehlo', '-o', 'moe.mlir', '--manifest', 'moe.json'], io), 0);
  const text = written.get('moe.mlir')!;
  assert.match(text, /"sdy\.mesh"/);
  assert.match(text, /mhlo\.num_partitions = 16 : i32/);
  const manifest = JSON.parse(written.get('moe.json')!);
  assert.equal(manifest.model, 'moe_layer');
  assert.deepEqual(manifest.arguments.map((a: { name: string }) => a.name), ['inputs', 'wg', 'wi', 'wo']);
  assert.deepEqual(manifest.arguments[2].spec, [['x'], [], []], 'wi: the inferred split of E on x');
  assert.deepEqual(manifest.results.map((r: { name: string }) => r.name), ['outputs', 'aux']);
});

test('export --shardings gspmd writes mhlo.sharding strings and no sdy; without -o it prints', () => {
  const { io, out } = memoryIO({ 'moe.gshard': MOE });
  assert.equal(exportCommand(['moe.gshard', '--format', 'stablehlo', '--shardings', 'gspmd'], io), 0);
  const text = out.join('');
  assert.doesNotMatch(text, /sdy\./);
  assert.match(text, /mhlo\.sharding = "\{devices=\[16,1,1\]<=\[16\]\}"/);
});

test('export --format jax writes a script; --mesh overrides the mesh (annotations permitting)', () => {
  const src = readFileSync(join(ROOT, 'examples', 'dense_transformer.gshard'), 'utf8');
  const { io, written } = memoryIO({ 'd.gshard': src });
  assert.equal(exportCommand(['d.gshard', '--format', 'jax', '--mesh', 'data=2,model=4', '-o', 'd.py'], io), 0);
  const py = written.get('d.py')!;
  assert.match(py, /MESH_SHAPE = \(2, 4\)/);
  assert.match(py, /jax\.lax\.with_sharding_constraint\(/);
  assert.match(py, /jax\.config\.update\("jax_default_matmul_precision", "highest"\)/);
});

test('usage errors: missing or unknown --format, a bad --shardings, --shardings with jax, two files', () => {
  const { io } = memoryIO({ 'moe.gshard': MOE });
  assert.throws(() => exportCommand(['moe.gshard'], io), UsageError);
  assert.throws(() => exportCommand(['moe.gshard', '--format', 'onnx'], io), UsageError);
  assert.throws(() => exportCommand(['moe.gshard', '--format', 'stablehlo', '--shardings', 'xla'], io), UsageError);
  assert.throws(() => exportCommand(['moe.gshard', '--format', 'jax', '--shardings', 'gspmd'], io), UsageError);
  assert.throws(() => exportCommand(['a.gshard', 'b.gshard', '--format', 'jax'], io), UsageError);
  assert.throws(() => exportCommand(['moe.gshard', '--format', 'jax', '--precision', 'high'], io), UsageError);
});

test('a file with errors exits 1 and writes nothing; so does an unreadable file', () => {
  const { io, err, written } = memoryIO({ 'bad.gshard': MOE.replace('einsum("GSM,ME->GSE"', 'einsum("GSM,MX->GSE"') });
  assert.equal(exportCommand(['bad.gshard', '--format', 'stablehlo', '-o', 'x.mlir'], io), 1);
  assert.equal(written.size, 0);
  assert.match(err.join(''), /nothing was written/);
  assert.equal(exportCommand(['missing.gshard', '--format', 'stablehlo'], io), 1);
});

test('the 600B example (2048 devices) exports: well formed, 2048 partitions, every param sharded as propagated', () => {
  const m = propagatedFile(join(ROOT, 'examples', 'gshard_600b.gshard'));
  const text = exportStableHlo(m, { shardings: 'shardy', precision: 'highest' });
  assert.deepEqual(checkMlirStructure(text), []);
  assert.match(text, /mhlo\.num_partitions = 2048 : i32/);
  const argCount = (text.match(/jax\.arg_info = /g) ?? []).length;
  assert.equal(argCount, m.inputs.length + m.params.length);
});
