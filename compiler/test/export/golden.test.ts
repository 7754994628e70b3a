// Golden tests of the exported text (StableHLO with Shardy and GSPMD shardings, the JAX script, the manifest) for the examples.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { exportStableHlo } from '../../src/export/stablehlo.js';
import { exportJax } from '../../src/export/jax.js';
import { exportManifest } from '../../src/export/manifest.js';
import { assertGolden, checkMlirStructure, FIXTURES, propagatedFile, ROOT } from './helpers.js';

// gshard_600b (2048 devices, 378 einsums) is left out of the goldens: megabytes of text no reviewer
// reads; export.test.ts checks that it exports.
const FILES = [
  ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.gshard') && f !== 'gshard_600b.gshard').map((f) => join('examples', f)),
  ...readdirSync(FIXTURES).filter((f) => f.endsWith('.gshard')).map((f) => join('compiler', 'test', 'export', 'fixtures', f)),
].sort();

for (const file of FILES) {
  const base = file.split('/').pop()!.replace(/\.gshard$/, '');
  test(`export golden: ${file}`, () => {
    const m = propagatedFile(join(ROOT, file));
    for (const form of ['shardy', 'gspmd'] as const) {
      const text = exportStableHlo(m, { shardings: form, precision: 'highest', source: file });
      assert.deepEqual(checkMlirStructure(text), [], `${form} text is not well formed`);
      assertGolden(`${base}.${form}.mlir`, text);
    }
    assertGolden(`${base}.py`, exportJax(m, { precision: 'highest', source: file }));
    assertGolden(`${base}.manifest.json`, `${JSON.stringify(exportManifest(m, file), null, 2)}\n`);
  });
}

test('the golden set covers every example but gshard_600b, and the fixtures', () => {
  assert.ok(FILES.some((f) => f.endsWith('moe_layer.gshard')), 'examples/moe_layer.gshard is exported');
  assert.ok(FILES.length >= 6, `expected at least 6 files, found ${FILES.join(', ')}`);
});
