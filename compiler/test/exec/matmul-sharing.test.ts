// Sharing matmul rows between mesh workers: the offer / claim / finish protocol driven step by step in one thread
// (claimed, unclaimed, scattered rows, abort, nobody idle, too small), and a 2-worker mesh run with sharing that
// equals the in-thread run.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { initBackend, matmul2d, matmulJs, matmulOnWasm } from '../../src/runtime/index.js';
import {
  offerRows, setMatmulSharer, shareChunkRows, SHARE_MIN_MACS, type MatmulSharer,
} from '../../src/runtime/matmul-share.js';
import { MatmulSharing, SHARE_WORDS } from '../../src/exec/matmul-sharing.js';
import { WorkerPool } from '../../src/exec/worker-pool.js';
import { simulateInProcess, simulateMesh } from '../../src/exec/mesh-sim.js';
import { distribute } from '../../src/exec/tiles.js';
import { prepareFeeds } from '../../src/exec/inputs.js';
import { arraysEqual } from '../../src/runtime/index.js';
import { runPipeline } from '../../src/passes/run-pipeline.js';
import { examplePath } from '../helpers/repo.js';
import { rng } from '../runtime/naive.js';

/** Two workers' sharing views over one control array and arena, as two mesh workers would see them. */
function pair(arenaFloats = 1 << 20): { owner: MatmulSharing; helper: MatmulSharing; abort: () => void } {
  const ctl = new Int32Array(new SharedArrayBuffer(4 * (4 + 2 * SHARE_WORDS)));
  const arenas = new SharedArrayBuffer(2 * arenaFloats * 4);
  let aborted = false;
  const layout = (worker: number) => ({
    ctl, base: 4, arenas, arenaFloats, parties: 2, worker, wakeIndex: 1,
    checkAbort: () => { if (aborted) throw new Error('stopped: another worker of the mesh failed'); },
  });
  return { owner: new MatmulSharing(layout(0)), helper: new MatmulSharing(layout(1)), abort: () => { aborted = true; } };
}

function operands(m: number, k: number, n: number) {
  const r = rng(7);
  const a = Float32Array.from({ length: m * k }, () => r() - 0.5);
  const b = Float32Array.from({ length: k * n }, () => r() - 0.5);
  const want = new Float32Array(m * n);
  matmulJs(a, 0, b, 0, m, k, n, want, 0);
  return { a, b, want };
}

function close(got: Float32Array, want: Float32Array): void {
  let worst = 0;
  for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  assert.ok(worst < 1e-4, `max abs diff ${worst}`);
}

describe('matmul sharing between workers', () => {
  before(async () => { await initBackend(); });

  it('an idle helper computes the offered tail rows; the owner computes the head and collects the tail', () => {
    const { owner, helper } = pair();
    const [m, k, n] = [200, 160, 192];
    const { a, b, want } = operands(m, k, n);
    assert.equal(owner.offer(a, 0, b, 0, m, k, n), undefined, 'nobody idle: no offer');
    helper.setIdle(true);
    const share = owner.offer(a, 0, b, 0, m, k, n);
    assert.ok(share);
    assert.equal(share.from, 100);
    assert.equal(helper.helpOnce(), true, 'the helper took the offer');
    assert.equal(helper.helpOnce(), false, 'and there is nothing more to take');
    const out = new Float32Array(m * n);
    matmulOnWasm(a, 0, b, 0, share.from, k, n, out, 0);
    assert.equal(share.finish(out, 0), true, 'the helper computed the tail');
    close(out, want);
    assert.equal(owner.rowsGiven, 100);
    assert.equal(helper.rowsTaken, 100);
  });

  it('an offer nobody took is computed by its owner; scattered result rows land at their offsets', () => {
    const { owner, helper } = pair();
    const [m, k, n] = [96, 64, 80];
    const { a, b, want } = operands(m, k, n);
    // rows go to the result in reverse order, 8 floats apart, inside a larger buffer
    const rowOffsets = Int32Array.from({ length: m }, (_, i) => (m - 1 - i) * (n + 8));
    const out = new Float32Array(8 + m * (n + 8));
    helper.setIdle(true);
    const share = owner.offer(a, 0, b, 0, m, k, n);
    assert.ok(share);
    matmulOnWasm(a, 0, b, 0, share.from, k, n, out, 8, rowOffsets);
    assert.equal(share.finish(out, 8, rowOffsets), false, 'not claimed: the caller computes the tail');
    matmulOnWasm(a, share.from * k, b, 0, m - share.from, k, n, out, 8, rowOffsets.subarray(share.from));
    assert.equal(owner.rowsGiven, 0);
    assert.equal(helper.helpOnce(), false, 'the offer was withdrawn');
    for (let i = 0; i < m; i++) close(out.subarray(8 + rowOffsets[i]!, 8 + rowOffsets[i]! + n), want.subarray(i * n, (i + 1) * n));
    // the same through the helper
    const out2 = new Float32Array(8 + m * (n + 8));
    const again = owner.offer(a, 0, b, 0, m, k, n);
    assert.ok(again && helper.helpOnce());
    matmulOnWasm(a, 0, b, 0, again.from, k, n, out2, 8, rowOffsets);
    assert.equal(again.finish(out2, 8, rowOffsets), true);
    assert.deepEqual(out2, out);
  });

  it('an owner waiting for a claimed share stops when the run is aborted', () => {
    const { owner, helper, abort } = pair();
    const { a, b } = operands(64, 32, 32);
    helper.setIdle(true);
    const share = owner.offer(a, 0, b, 0, 64, 32, 32);
    assert.ok(share);
    // the helper claims but never finishes (it died): mark the offer claimed by hand
    const ctl = (owner as unknown as { l: { ctl: Int32Array } }).l.ctl;
    assert.equal(Atomics.compareExchange(ctl, 4, 1, 2), 1);
    abort();
    assert.throws(() => share.finish(new Float32Array(64 * 32), 0), /another worker of the mesh failed/);
  });

  it('offers only products worth the trip, and only when it fits the arena', () => {
    const { owner, helper } = pair(1000);
    helper.setIdle(true);
    const { a, b } = operands(128, 64, 64);
    assert.equal(owner.offer(a, 0, b, 0, 128, 64, 64), undefined, 'arena of 1000 floats is too small');
    setMatmulSharer(pair().owner);
    try {
      assert.ok(64 * 64 * 64 < SHARE_MIN_MACS);
      assert.equal(offerRows(a, 0, b, 0, 64, 64, 64), undefined, 'below SHARE_MIN_MACS');
    } finally {
      setMatmulSharer(undefined);
    }
  });

  it('a large matmul runs in chunks; a worker falling idle midway is offered half of the rows left', () => {
    const [m, k, n] = [640, 256, 512]; // 80 Mi multiply-adds: chunks of 128 rows
    const { a, b, want } = operands(m, k, n);
    assert.equal(shareChunkRows(m, k, n), m, 'no sharer: one piece');
    const offers: { rows: number; from: number }[] = [];
    // nobody idle for the first two chunks; then a "helper" (here: the JS matmul) takes the offered tail
    const fake: MatmulSharer = {
      offer: (a2, aOff, b2, bOff, rows, k2, n2) => {
        if (offers.push({ rows, from: rows - Math.floor(rows / 2) }) <= 2) return undefined;
        const from = rows - Math.floor(rows / 2);
        return {
          from,
          finish: (out, outOff, rowOffsets) => {
            const tail = new Float32Array((rows - from) * n2);
            matmulJs(a2, aOff + from * k2, b2, bOff, rows - from, k2, n2, tail, 0);
            for (let i = 0; i < rows - from; i++) {
              out.set(tail.subarray(i * n2, (i + 1) * n2), outOff + (rowOffsets ? rowOffsets[from + i]! : (from + i) * n2));
            }
            return true;
          },
        };
      },
    };
    setMatmulSharer(fake);
    try {
      assert.equal(shareChunkRows(m, k, n), 128);
      const rowOffsets = Int32Array.from({ length: m }, (_, i) => (m - 1 - i) * n); // rows reversed
      const out = new Float32Array(m * n);
      matmul2d(a, 0, b, 0, m, k, n, out, 0, rowOffsets);
      assert.deepEqual(offers.map((o) => o.rows), [640, 512, 384], 'offered at each chunk until taken');
      const plain = new Float32Array(m * n);
      for (let i = 0; i < m; i++) plain.set(out.subarray(rowOffsets[i]!, rowOffsets[i]! + n), i * n);
      close(plain, want);
    } finally {
      setMatmulSharer(undefined);
    }
  });

  it('matmul2d computes an offered tail itself when nobody claims it', () => {
    const { owner, helper } = pair();
    const [m, k, n] = [128, 256, 256]; // 8 Mi multiply-adds: one offer, no chunks
    const { a, b, want } = operands(m, k, n);
    helper.setIdle(true); // idle, but never runs helpOnce: the offer stays unclaimed
    setMatmulSharer(owner);
    try {
      const out = new Float32Array(m * n);
      matmul2d(a, 0, b, 0, m, k, n, out, 0);
      close(out, want);
      assert.equal(owner.rowsGiven, 0);
      assert.equal(helper.helpOnce(), false, 'the offer was withdrawn');
    } finally {
      setMatmulSharer(undefined);
    }
  });

  it('a 2-worker mesh run with sharing equals the in-thread run, and each worker reports its help', async () => {
    // per device: [256, 128] x [128, 512] expert matmuls, above SHARE_MIN_MACS
    const r = runPipeline(readFileSync(examplePath('moe_layer.gshard'), 'utf8'),
      { dims: new Map([['S', 256], ['M', 128], ['H', 512]]) });
    assert.ok(r.sharded && r.spmd, 'compiles');
    const global = r.sharded, local = r.spmd;
    const feeds = prepareFeeds(global, 1).map((f) => f.array);
    const args = [...local.inputs, ...local.params];
    const pool = await WorkerPool.start(2);
    try {
      assert.equal(pool.shareMatmuls, true);
      const mesh = await simulateMesh(local, distribute(args, feeds, local.mesh, { shared: true }), { pool });
      const here = simulateInProcess(local, distribute(args, feeds, local.mesh));
      mesh.outputs.forEach((outs, d) => outs.forEach((o, i) => assert.ok(arraysEqual(o, here.outputs[d]![i]!), `device ${d} output ${i}`)));
      for (const w of mesh.workers ?? []) {
        assert.ok(w.helpMs >= 0 && Number.isInteger(w.rowsGiven) && Number.isInteger(w.rowsTaken));
      }
      const given = (mesh.workers ?? []).reduce((s, w) => s + w.rowsGiven, 0);
      const taken = (mesh.workers ?? []).reduce((s, w) => s + w.rowsTaken, 0);
      assert.equal(given, taken, 'every row given was taken by the other worker');
    } finally {
      await pool.close();
    }
  });
});
