// .npy: round trips for f32, i32, bool and scalars; exact header bytes; and, when python3 has numpy, files numpy reads and writes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { decodeNpy, encodeNpy, readNpy, writeNpy } from '../../src/runtime/npy.js';
import { arraysEqual, fromArray, scalar } from '../../src/runtime/ndarray.js';
import { randomArray, rng } from './naive.js';

const hasNumpy = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe('npy', () => {
  it('round-trips f32, i32, bool and a scalar through a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gshard-npy-'));
    try {
      const r = rng(1);
      for (const a of [randomArray(r, ['a', 'b', 'c'], [2, 3, 4]), randomArray(r, ['n'], [5], 'i32'), fromArray('bool', ['x', 'y'], [2, 2], [1, 0, 0, 1]), scalar(3.5)]) {
        const p = join(dir, 'x.npy');
        writeNpy(p, a);
        const b = readNpy(p, a.dims);
        assert.ok(arraysEqual(a, b), a.dtype);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the exact numpy 1.0 header, padded to 64 bytes', () => {
    const bytes = encodeNpy(fromArray('f32', ['n'], [3], [1, 2, 3]));
    const header = "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }";
    assert.deepEqual([...bytes.subarray(0, 8)], [0x93, 78, 85, 77, 80, 89, 1, 0]);
    const hlen = bytes[8]! | (bytes[9]! << 8);
    assert.equal((10 + hlen) % 64, 0);
    const text = new TextDecoder().decode(bytes.subarray(10, 10 + hlen));
    assert.equal(text, header + ' '.repeat(hlen - header.length - 1) + '\n');
    assert.equal(bytes.length, 10 + hlen + 12);
  });

  it('checks the rank and shape against what the caller expects', () => {
    const bytes = encodeNpy(fromArray('i32', ['a', 'b'], [2, 1], [1, 2]));
    assert.throws(() => decodeNpy(bytes, ['a']), /rank 2/);
    assert.throws(() => decodeNpy(bytes, ['a', 'b'], { shape: [1, 2] }), /expected \(1, 2\)/);
    assert.throws(() => decodeNpy(bytes, ['a', 'b'], { dtype: 'f32' }), /expected f32/);
    assert.equal(decodeNpy(bytes, ['a', 'b'], { shape: [2, 1] }).dtype, 'i32');
  });

  it('numpy loads our files and we load numpy\'s', { skip: hasNumpy ? false : 'python3 with numpy not available' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'gshard-npy-'));
    try {
      const f = fromArray('f32', ['a', 'b'], [2, 3], [1.5, -2, 3, 4, 5, 6.25]);
      const i = fromArray('i32', ['n'], [3], [-1, 0, 2147483647]);
      const b = fromArray('bool', ['n'], [3], [1, 0, 1]);
      writeNpy(join(dir, 'f.npy'), f);
      writeNpy(join(dir, 'i.npy'), i);
      writeNpy(join(dir, 'b.npy'), b);
      writeNpy(join(dir, 's.npy'), scalar(7));
      const py = `
import numpy as np, sys
d = sys.argv[1]
f = np.load(d + '/f.npy'); i = np.load(d + '/i.npy'); b = np.load(d + '/b.npy'); s = np.load(d + '/s.npy')
assert f.dtype == np.float32 and f.shape == (2, 3) and f.tolist() == [[1.5, -2, 3], [4, 5, 6.25]], f
assert i.dtype == np.int32 and i.tolist() == [-1, 0, 2147483647], i
assert b.dtype == np.bool_ and b.tolist() == [True, False, True], b
assert s.shape == () and s == 7
np.save(d + '/np_f.npy', np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 8)
np.save(d + '/np_b.npy', np.array([[True, False]]))
np.save(d + '/np_i.npy', np.array([5, -6], dtype=np.int32))
`;
      const res = spawnSync('python3', ['-c', py, dir], { encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      const nf = readNpy(join(dir, 'np_f.npy'), ['x', 'y', 'z'], { shape: [2, 3, 4] });
      assert.deepEqual([...nf.data], Array.from({ length: 24 }, (_, k) => k / 8));
      assert.deepEqual([...readNpy(join(dir, 'np_b.npy'), ['r', 'c']).data], [1, 0]);
      assert.deepEqual([...readNpy(join(dir, 'np_i.npy'), ['n']).data], [5, -6]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
