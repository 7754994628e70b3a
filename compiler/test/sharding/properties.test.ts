// Property tests (fast-check, fixed seed): random meshes, types and valid shardings round-trip through every text form and tile exactly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mustMakeMesh, meshSize, type Mesh } from '../../src/ir/mesh.js';
import {
  makeSharding, shardingsEqual, shardCount, localShape, deviceTile, validateSharding, type Sharding, type DimSharding,
} from '../../src/ir/sharding.js';
import { shardingToText, parseShardingText } from '../../src/ir/sharding-text.js';
import { toShardySharding, fromShardySharding } from '../../src/sharding/shardy-text.js';
import { toXlaSharding, fromXlaSharding, xlaView } from '../../src/sharding/xla-text.js';
import { toGShardForm, fromGShardForm } from '../../src/sharding/gshard-forms.js';
import { renderTiles } from '../../src/sharding/tiles.js';
import { tensorType, type TensorType } from '../../src/ir/types.js';

const SEED = 20260601;
const RUNS = 150;

interface Case { mesh: Mesh; type: TensorType; s: Sharding }

/** A mesh of 1-3 axes of sizes 1-4 with a random device order, a rank 0-3 type, and a valid sharding on it. */
const caseArb: fc.Arbitrary<Case> = fc
  .record({
    sizes: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
    dimSizes: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 0, maxLength: 3 }),
    seed: fc.integer({ min: 0, max: 1 << 30 }),
  })
  .chain(({ sizes, dimSizes, seed }) => {
    const axes = sizes.map((size, i) => ({ name: ['x', 'y', 'z'][i]!, size }));
    const n = sizes.reduce((p, s) => p * s, 1);
    return fc.record({
      perm: fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i), { minLength: n, maxLength: n }),
      // Each axis goes to a dim, to replicated, to unreduced, or nowhere; a key orders axes within a dim.
      where: fc.array(fc.integer({ min: -3, max: dimSizes.length - 1 }), { minLength: axes.length, maxLength: axes.length }),
      order: fc.array(fc.integer(), { minLength: axes.length, maxLength: axes.length }),
      open: fc.array(fc.boolean(), { minLength: dimSizes.length, maxLength: dimSizes.length }),
      prio: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), { minLength: dimSizes.length, maxLength: dimSizes.length }),
    }).map(({ perm, where, order, open, prio }) => {
      const mesh = mustMakeMesh({ name: `m${seed % 7}`, kind: 'plain', axes, deviceIds: perm });
      const type = tensorType('f32', dimSizes.map((size, i) => ({ name: ['G', 'S', 'M'][i]!, size })));
      const ranked = axes.map((a, i) => ({ a: a.name, w: where[i]!, k: order[i]! })).sort((p, q) => p.k - q.k);
      const dims: DimSharding[] = dimSizes.map((_, d) => {
        const dimAxes = ranked.filter((r) => r.w === d).map((r) => r.a);
        const p = prio[d];
        return p === undefined ? { axes: dimAxes, closed: !open[d] } : { axes: dimAxes, closed: !open[d], priority: p };
      });
      const s = makeSharding(mesh, dims, {
        replicated: ranked.filter((r) => r.w === -1).map((r) => r.a),
        unreduced: ranked.filter((r) => r.w === -2).map((r) => r.a),
      });
      return { mesh, type, s };
    });
  });

const params = { seed: SEED, numRuns: RUNS };

test('generated shardings are valid (errors would make the other properties vacuous)', () => {
  fc.assert(fc.property(caseArb, ({ mesh, type, s }) => {
    const errors = validateSharding(s, type, mesh).filter((p) => p.severity === 'error');
    assert.deepEqual(errors, []);
  }), params);
});

test('DSL text: print then parse is the identity', () => {
  fc.assert(fc.property(caseArb, ({ s }) => {
    const back = parseShardingText(shardingToText(s), s.mesh);
    assert.ok(back.sharding, back.problem?.message);
    assert.ok(shardingsEqual(back.sharding, s), `${shardingToText(s)} -> ${shardingToText(back.sharding)}`);
  }), params);
});

test('Shardy text: print then parse is the identity', () => {
  fc.assert(fc.property(caseArb, ({ s }) => {
    const back = fromShardySharding(toShardySharding(s));
    assert.ok(back.sharding && shardingsEqual(back.sharding, s), toShardySharding(s));
  }), params);
});

test('XLA text round-trips to the XLA view (closed dims, size-1 axes and explicit replication dropped)', () => {
  fc.assert(fc.property(caseArb, ({ mesh, s }) => {
    const text = toXlaSharding(s, mesh);
    const back = fromXlaSharding(text, mesh, s.dims.length);
    assert.ok(back.sharding, `${text}: ${back.problem?.message}`);
    assert.ok(shardingsEqual(back.sharding, xlaView(s, mesh)), `${shardingToText(s)} -> ${text} -> ${shardingToText(back.sharding)}`);
  }), params);
});

test('GShard forms round-trip to the same data placement', () => {
  fc.assert(fc.property(caseArb, ({ mesh, type, s }) => {
    const back = fromGShardForm(toGShardForm(s, type, mesh), type, mesh);
    assert.ok(back.sharding, back.problem?.message);
    assert.ok(shardingsEqual(back.sharding, xlaView(s, mesh)), `${shardingToText(s)} -> ${shardingToText(back.sharding)}`);
  }), params);
});

test('localShape * shardCount covers the shape, with padding only when the count does not divide', () => {
  fc.assert(fc.property(caseArb, ({ mesh, type, s }) => {
    const shape = type.dims.map((d) => d.size);
    localShape(shape, s, mesh).forEach((l, i) => {
      const k = shardCount(s, mesh, i);
      assert.ok(l * k >= shape[i]!);
      assert.equal(l * k === shape[i], shape[i]! % k === 0);
      assert.ok((l - 1) * k < shape[i]!, 'no whole padding tile column');
    });
  }), params);
});

test('the tiles of all devices cover every element once per replica', () => {
  fc.assert(fc.property(caseArb, ({ mesh, type, s }) => {
    const shape = type.dims.map((d) => d.size);
    const total = shape.reduce((p, n) => p * n, 1);
    const cover = new Array<number>(total).fill(0);
    for (const d of mesh.deviceIds) {
      const { start, limit } = deviceTile(shape, s, mesh, d);
      // Walk the tile's elements row-major.
      const walk = (dim: number, offset: number): void => {
        if (dim === shape.length) { cover[offset]!++; return; }
        for (let i = start[dim]!; i < limit[dim]!; i++) walk(dim + 1, offset * shape[dim]! + i);
      };
      walk(0, 0);
    }
    const tiles = shape.reduce((p, _, i) => p * shardCount(s, mesh, i), 1);
    const replicas = meshSize(mesh) / tiles;
    assert.ok(cover.every((c) => c === replicas), `coverage ${[...new Set(cover)].join(',')} != ${replicas}`);
  }), params);
});

test('renderTiles never throws and stays within its width', () => {
  fc.assert(fc.property(caseArb, ({ mesh, type, s }) => {
    const pic = renderTiles(type, s, mesh, { width: 80 });
    for (const l of pic.split('\n').slice(1)) assert.ok(l.length <= 80, l);
  }), { ...params, numRuns: 50 });
});
