// The mesh-level collectives (replica groups from axes, then the runtime collective) against their definitions on a 2x3 mesh with uneven shapes, and mutated collectives in real programs are caught.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Attrs, Module, Op } from '../../src/ir/module.js';
import { cloneModule } from '../../src/ir/module.js';
import { tensorType } from '../../src/ir/types.js';
import { mustMakeMesh, coordsOfDevice, replicaGroups, type Mesh } from '../../src/ir/mesh.js';
import { runCollective } from '../../src/exec/collective-step.js';
import { tileIndexAlong } from '../../src/exec/device-runner.js';
import { runModel } from '../../src/exec/run-model.js';
import {
  allReduce, arraysEqual, concatAlong, fromArray, runOnGroups, sliceAlong, type NDArray,
} from '../../src/runtime/index.js';
import { compileSource, withSplits } from './helpers.js';

const mesh = mustMakeMesh({ name: 'm', kind: 'plain', axes: [{ name: 'data', size: 2 }, { name: 'model', size: 3 }] });
const span = { start: { offset: 0, line: 1, col: 1 }, end: { offset: 0, line: 1, col: 1 } };

function fakeOp(kind: string, attrs: Attrs, resultShape: Record<string, number>): Op {
  const type = tensorType('f32', Object.entries(resultShape).map(([name, size]) => ({ name, size })));
  return { id: 0, kind, operands: [], results: [{ id: 1, name: 'r', role: 'op', type, span }], attrs, span };
}

/** Device d's buffer: values encode (device, position) so misplaced data shows. */
function buffers(shape: Record<string, number>): NDArray[] {
  const dims = Object.keys(shape);
  const sizes = Object.values(shape);
  const n = sizes.reduce((p, s) => p * s, 1);
  return Array.from({ length: 6 }, (_, d) => fromArray('f32', dims, sizes, Array.from({ length: n }, (_, i) => d * 1000 + i + 0.25)));
}

/** The members of d's group along `axes`, ordered by their index along those axes (by coordinates, not by replicaGroups). */
function groupOf(m: Mesh, d: number, axes: string[]): number[] {
  const names = m.axes.map((a) => a.name);
  const others = names.map((_, k) => k).filter((k) => !axes.includes(names[k]!));
  const mine = coordsOfDevice(m, d);
  const members = [0, 1, 2, 3, 4, 5].filter((e) => others.every((k) => coordsOfDevice(m, e)[k] === mine[k]));
  return members.sort((a, b) => tileIndexAlong(m, a, axes) - tileIndexAlong(m, b, axes));
}

describe('collectives over replica groups (2x3 mesh, uneven dims)', () => {
  for (const axes of [['model'], ['data'], ['model', 'data'], ['data', 'model']]) {
    it(`all_reduce sum over [${axes}] gives each device the sum over its group`, () => {
      const bufs = buffers({ a: 5, b: 3 });
      const out = runCollective(fakeOp('all_reduce', { axes, combiner: 'sum' }, { a: 5, b: 3 }), mesh, bufs);
      for (let d = 0; d < 6; d++) {
        const g = groupOf(mesh, d, axes);
        for (let i = 0; i < 15; i++) assert.equal(out[d]!.data[i], Math.fround(g.reduce((s, e) => s + bufs[e]!.data[i]!, 0)));
      }
    });

    it(`all_gather over [${axes}] concatenates the group in axis order`, () => {
      const bufs = buffers({ a: 3, b: 2 });
      const k = groupOf(mesh, 0, axes).length;
      const out = runCollective(fakeOp('all_gather', { axes, dim: 'a', size: 3 * k }, { a: 3 * k, b: 2 }), mesh, bufs);
      for (let d = 0; d < 6; d++) assert.ok(arraysEqual(out[d]!, concatAlong(groupOf(mesh, d, axes).map((e) => bufs[e]!), 'a')));
    });

    it(`all_to_all over [${axes}] sends chunk j of the split dim to member j`, () => {
      const k = groupOf(mesh, 0, axes).length;
      const bufs = buffers({ a: 2 * k, b: 3 });
      const out = runCollective(fakeOp('all_to_all', { axes, split_dim: 'a', concat_dim: 'b', split_size: 2, concat_size: 3 * k }, { a: 2, b: 3 * k }), mesh, bufs);
      for (let d = 0; d < 6; d++) {
        const g = groupOf(mesh, d, axes);
        const j = g.indexOf(d);
        assert.ok(arraysEqual(out[d]!, concatAlong(g.map((e) => sliceAlong(bufs[e]!, 'a', j * 2, 2)), 'b')));
      }
    });

    it(`reduce_scatter over [${axes}] leaves member j chunk j of the sum`, () => {
      const k = groupOf(mesh, 0, axes).length;
      const bufs = buffers({ a: 2 * k, b: 3 });
      const out = runCollective(fakeOp('reduce_scatter', { axes, dim: 'a', size: 2 }, { a: 2, b: 3 }), mesh, bufs);
      for (let d = 0; d < 6; d++) {
        const g = groupOf(mesh, d, axes);
        const j = g.indexOf(d);
        const parts = g.map((e) => sliceAlong(bufs[e]!, 'a', j * 2, 2));
        for (let i = 0; i < 6; i++) assert.equal(out[d]!.data[i], Math.fround(parts.reduce((s, p) => s + p.data[i]!, 0)));
      }
    });
  }

  it('collective_permute moves buffers along the pairs and zero-fills devices nobody sends to', () => {
    const bufs = buffers({ a: 7 });
    const pairs = [[0, 1], [1, 2], [2, 0], [4, 5]];
    const out = runCollective(fakeOp('collective_permute', { pairs }, { a: 7 }), mesh, bufs);
    for (const [s, t] of pairs) assert.ok(arraysEqual(out[t!]!, bufs[s!]!));
    for (const d of [3, 4]) assert.deepEqual([...out[d]!.data], new Array(7).fill(0));
  });

  // A mesh worker computes only its own devices' results (`only`): they must equal the full run's,
  // and the other devices' entries must not be built (each is its own operand, untouched).
  const subsets = [[0, 1, 2], [3, 4, 5], [1, 4], [5]];
  const cases: [string, Attrs, Record<string, number>, Record<string, number>][] = [
    ['all_reduce', { axes: ['model', 'data'], combiner: 'sum' }, { a: 5, b: 3 }, { a: 5, b: 3 }],
    ['all_reduce', { axes: ['model'], combiner: 'max' }, { a: 5, b: 3 }, { a: 5, b: 3 }],
    ['all_gather', { axes: ['model'], dim: 'a', size: 9 }, { a: 3, b: 2 }, { a: 9, b: 2 }],
    ['all_to_all', { axes: ['data', 'model'], split_dim: 'a', concat_dim: 'b', split_size: 2, concat_size: 18 }, { a: 12, b: 3 }, { a: 2, b: 18 }],
    ['reduce_scatter', { axes: ['model'], dim: 'a', size: 2 }, { a: 6, b: 3 }, { a: 2, b: 3 }],
    ['collective_permute', { pairs: [[0, 1], [1, 2], [2, 0], [4, 5]] }, { a: 7 }, { a: 7 }],
  ];
  for (const [kind, attrs, operand, result] of cases) {
    it(`${kind} ${JSON.stringify(attrs)} for a subset of devices equals the full run on those devices`, () => {
      const bufs = buffers(operand);
      const full = runCollective(fakeOp(kind, attrs, result), mesh, bufs);
      for (const only of subsets) {
        const part = runCollective(fakeOp(kind, attrs, result), mesh, bufs, new Set(only));
        for (let d = 0; d < 6; d++) {
          if (only.includes(d)) assert.ok(arraysEqual(part[d]!, full[d]!), `device ${d} of [${only}]`);
          else assert.equal(part[d], bufs[d], `device ${d} is not in [${only}]: nothing built for it`);
        }
        const mine = only.map((d) => part[d]!.data.buffer);
        assert.equal(new Set(mine).size, mine.length, 'each wanted device gets its own buffer');
      }
    });
  }

  // The wanted devices are a parameter, not module state: a run for one subset (a worker's) that, in the
  // middle of a replica group, runs collectives for the whole mesh (in-process) and for another subset
  // must give each of them its own subset. With the old `forDevices` state the inner whole-mesh run
  // inherited the outer subset and left the other devices' results unbuilt.
  it('collectives for different device subsets interleaved in one thread each build their own devices', () => {
    const outerOp = fakeOp('all_reduce', { axes: ['model', 'data'], combiner: 'sum' }, { a: 5, b: 3 });
    const innerOp = fakeOp('all_gather', { axes: ['model'], dim: 'a', size: 9 }, { a: 9, b: 2 });
    const outerBufs = buffers({ a: 5, b: 3 }), innerBufs = buffers({ a: 3, b: 2 });
    const outerFull = runCollective(outerOp, mesh, outerBufs), innerFull = runCollective(innerOp, mesh, innerBufs);
    const inner: NDArray[][] = [];
    const outer = runOnGroups(replicaGroups(mesh, ['model', 'data']), outerBufs, (g, wanted) => {
      inner.push(runCollective(innerOp, mesh, innerBufs), runCollective(innerOp, mesh, innerBufs, new Set([5])));
      return allReduce(g, 'sum', wanted);
    }, new Set([1, 4]));
    const [whole, five] = inner;
    assert.ok(whole && five, 'the inner runs ran');
    for (let d = 0; d < 6; d++) {
      assert.ok(arraysEqual(whole[d]!, innerFull[d]!), `whole-mesh run interleaved: device ${d}`);
      if (d === 5) assert.ok(arraysEqual(five[d]!, innerFull[d]!), 'subset [5] run interleaved: device 5');
      else assert.equal(five[d], innerBufs[d], `subset [5] run built nothing for device ${d}`);
      if (d === 1 || d === 4) assert.ok(arraysEqual(outer[d]!, outerFull[d]!), `outer subset [1,4]: device ${d}`);
      else assert.equal(outer[d], outerBufs[d], `outer subset [1,4] built nothing for device ${d}`);
    }
  });

  it('a collective whose result does not have the IR type is reported', () => {
    const bufs = buffers({ a: 3, b: 2 });
    assert.throws(() => runCollective(fakeOp('all_gather', { axes: ['model'], dim: 'a', size: 8 }, { a: 8, b: 2 }), mesh, bufs), /IR says/);
  });
});

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));

/** The local program with op `pick` replaced by `change(op)`. */
function mutated(local: Module, pick: (op: Op) => boolean, change: (op: Op) => Op): Module {
  const m = cloneModule(local);
  const i = m.ops.findIndex(pick);
  assert.ok(i >= 0, 'no op to mutate');
  m.ops[i] = change(m.ops[i]!);
  return m;
}

describe('a wrong collective is caught', () => {
  it('all_reduce with max instead of sum (moe_layer aux loss) differs from the reference', async () => {
    const { global, local } = compileSource(withSplits(readFileSync(`${examples}moe_layer.gshard`, 'utf8'), 4), 'x=4');
    assert.ok((await runModel(global, local)).equal);
    const bad = mutated(local, (op) => op.kind === 'all_reduce', (op) => ({ ...op, attrs: { ...op.attrs, combiner: 'max' } }));
    const r = await runModel(global, bad);
    assert.equal(r.equal, false);
    assert.ok(r.outputs.find((o) => o.name === 'aux')!.maxRelError > 1e-3);
  });

  it('all_reduce over the wrong axis (dense transformer) differs from the reference', async () => {
    const text = readFileSync(`${examples}dense_transformer.gshard`, 'utf8');
    const { global, local } = compileSource(text, 'data=2,model=2');
    const bad = mutated(local, (op) => op.kind === 'all_reduce' && JSON.stringify(op.attrs['axes']) === '["model"]',
      (op) => ({ ...op, attrs: { ...op.attrs, axes: ['data'] } }));
    const r = await runModel(global, bad);
    assert.equal(r.equal, false);
  });

  it('a dropped all_reduce leaves replicas that disagree, and the run says so', async () => {
    const text = readFileSync(`${examples}dense_transformer.gshard`, 'utf8');
    const { global, local } = compileSource(text, 'data=2,model=2');
    const bad = mutated(local, (op) => op.kind === 'all_reduce', (op) => ({ ...op, attrs: { ...op.attrs, axes: [] } }));
    const r = await runModel(global, bad);
    assert.equal(r.equal, false);
    assert.ok(r.outputs[0]!.replicaMismatches.length > 0, 'devices along model hold different partial sums');
  });
});
