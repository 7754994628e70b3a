// The constants table: values from the TPU-v3 documentation, each with a source.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constantsTable, TPU_V3, TPU_V3_HARDWARE } from '../../src/cost/tpu-v3.js';

test('TPU-v3 per-core numbers are half a chip', () => {
  assert.equal(TPU_V3.peakBf16FlopsPerCore.value, 123e12 / 2);
  assert.equal(TPU_V3.hbmBytesPerCore.value, 16 * 2 ** 30);
  assert.equal(TPU_V3.hbmBandwidthPerCore.value, 900e9 / 2);
  assert.equal(TPU_V3.coresPerChip.value, 2);
  assert.equal(TPU_V3.podChipRows.value * TPU_V3.podChipCols.value * TPU_V3.coresPerChip.value, 2048);
});

test('pod bisection bandwidth from the link constant matches the documented 6.4 TB/s', () => {
  assert.equal(2 * TPU_V3.podChipCols.value * TPU_V3.iciLinkBandwidth.value, 6.4e12);
});

test('every constant and efficiency has a source and a unit', () => {
  const rows = constantsTable();
  assert.ok(rows.length >= 12);
  for (const r of rows) {
    assert.ok(r.source.length > 10, r.name);
    assert.ok(r.unit.length > 0, r.name);
  }
  assert.ok(TPU_V3_HARDWARE.mxuEfficiency > 0 && TPU_V3_HARDWARE.mxuEfficiency <= 1);
});
