// FLOPs, fusion, liveness, training step, HBM overflow and report shape on small hand-built local programs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh } from '../../src/sharding/mesh.js';
import { LocalModuleBuilder } from '../../src/cost/hand-built/local-builder.js';
import { opWork } from '../../src/cost/flops.js';
import { fusedBytes } from '../../src/cost/fusion.js';
import { adafactorStateBytes, livenessPeak, memoryProfile } from '../../src/cost/memory.js';
import { costModule } from '../../src/cost/cost.js';
import { runCostCommand } from '../../src/cost/index.js';
import { layerOfName } from '../../src/cost/layers.js';
import { buildGShardModel, capacity, GSHARD_CONFIGS } from '../../src/cost/hand-built/gshard-moe.js';

const mesh = mustMakeMesh({ name: 'm', kind: 'tpu_v3', axes: [{ name: 'x', size: 4 }, { name: 'y', size: 2 }] });

test('einsum FLOPs = 2 x product of all distinct dims; full MXU tiles for 128-multiples, padding loss otherwise', () => {
  const b = new LocalModuleBuilder(mesh);
  const x = b.input('x', 'f32', [['B', 8], ['M', 256]]);
  const w = b.param('w', 'f32', [['M', 256], ['H', 512]]);
  const small = b.param('s', 'f32', [['M', 256], ['N', 64]]);
  b.einsum('h', x, w, ['B', 'H']);
  b.einsum('n', x, small, ['B', 'N']);
  const [h, n] = b.build().ops.map(opWork);
  assert.equal(h!.flops, 2 * 8 * 256 * 512);
  assert.equal(h!.cls, 'matmul');
  assert.equal(h!.mxuFill, 1);
  assert.equal(n!.mxuFill, 64 / 128);   // K = 256 fills; the wider free side (N = 64) sets the fill
});

test('an elementwise chain fuses: only the chain input and its last result touch HBM', () => {
  const b = new LocalModuleBuilder(mesh);
  const x = b.input('x', 'f32', [['B', 1024]]);
  const a = b.unary('relu', 'a', x);
  const c = b.unary('exp', 'c', a);
  const s = b.op1('reduce_sum', 's', [c], 'f32', [], { dims: ['B'] });
  b.output(s);
  const m = b.build();
  const fused = fusedBytes(m);
  assert.equal(fused.get(m.ops[0]!.id), 4096);   // reads x, result stays in registers
  assert.equal(fused.get(m.ops[1]!.id), 0);      // both edges internal
  assert.equal(fused.get(m.ops[2]!.id), 4);      // writes the scalar
});

test('peak live bytes follow program order and last uses', () => {
  const b = new LocalModuleBuilder(mesh);
  const x = b.input('x', 'f32', [['B', 1024]]);            // 4 KiB, always live
  const a = b.unary('neg', 'a', x);                         // 4 KiB, dies after c
  const big = b.op1('one_hot', 'big', [b.op1('cast', 'i', [x], 'i32', [['B', 1024]])], 'f32', [['B', 1024], ['V', 16]], { dim: 'V', size: 16 }); // 64 KiB
  const c = b.binary('add', 'c', a, b.op1('reduce_sum', 'r', [big], 'f32', [['B', 1024]], { dims: ['V'] }));
  b.output(c);
  const m = b.build();
  const { peak, peakAt } = livenessPeak(m);
  // At the one_hot: x + a + i (dead only after this op) + big
  assert.equal(peak, 4096 + 4096 + 4096 + 65536);
  assert.equal(m.ops[peakAt]!.kind, 'one_hot');
});

test('Adafactor keeps rows + cols per matrix, the full size of a vector', () => {
  assert.equal(adafactorStateBytes({ dtype: 'f32', dims: [{ name: 'M', size: 1024 }, { name: 'H', size: 8192 }] }), (1024 + 8192) * 4);
  assert.equal(adafactorStateBytes({ dtype: 'f32', dims: [{ name: 'E', size: 2 }, { name: 'M', size: 8 }, { name: 'H', size: 4 }] }), 2 * 12 * 4);
  assert.equal(adafactorStateBytes({ dtype: 'f32', dims: [{ name: 'M', size: 10 }] }), 40);
});

function megatron() {
  const b = new LocalModuleBuilder(mesh, 'mlp');
  const x = b.input('x', 'f32', [['B', 64], ['M', 512]]);
  const wi = b.param('y.0.wi', 'f32', [['M', 512], ['H', 256]], { H: ['x'] });
  const wo = b.param('y.0.wo', 'f32', [['H', 256], ['M', 512]], { H: ['x'] });
  b.line = 7;
  const h = b.unary('relu', 'y.0.h', b.einsum('y.0.hh', x, wi, ['B', 'H']));
  const part = b.einsum('y.0.part', h, wo, ['B', 'M']);
  const out = b.collective('all_reduce', 'y.0.out', part, ['x'], [['B', 64], ['M', 512]], { combiner: 'sum' });
  const g = b.collective('all_gather', 'y.0.g', out, ['y'], [['B', 128], ['M', 512]], { dim: 'B' });
  b.output(g);
  return b.build();
}

test('training: backward collectives mirror the forward, replicated params get a gradient all-reduce, remat re-runs the forward', () => {
  const m = megatron();
  const fwd = costModule(m, {});
  const tr = costModule(m, { train: true });
  const re = costModule(m, { train: true, remat: true });
  const phases = tr.step.collectives.map((c) => `${c.phase}:${c.kind}`);
  assert.deepEqual(phases.sort(), ['backward:all_reduce', 'backward:reduce_scatter', 'forward:all_gather', 'forward:all_reduce', 'gradient-sync:all_reduce'].sort());
  const rs = tr.step.collectives.find((c) => c.kind === 'reduce_scatter')!;
  assert.equal(rs.bytesPerDevice, 128 * 512 * 4);            // the all_gather's result
  const sync = tr.step.collectives.find((c) => c.phase === 'gradient-sync')!;
  assert.deepEqual(sync.axes, ['y']);                        // split on x, replicated on y
  assert.equal(sync.bytesPerDevice, 2 * 512 * 256 * 4);
  assert.ok(Math.abs(tr.step.flopsPerDevice - 3 * fwd.step.flopsPerDevice) < 1);
  assert.ok(Math.abs(re.step.flopsPerDevice - 4 * fwd.step.flopsPerDevice) < 1);
  assert.ok(re.step.stepSeconds > tr.step.stepSeconds);
  assert.equal(tr.step.layers.find((l) => l.name === 'y.0')?.ops, 5);
});

test('over 16 GiB per core: cost-hbm-overflow names the largest tensor and the saving of splitting it', () => {
  const b = new LocalModuleBuilder(mesh, 'huge');
  const x = b.input('x', 'f32', [['B', 16], ['M', 1024]]);
  const w = b.param('w', 'f32', [['M', 1024], ['V', 5_000_000]], { M: ['y'] });  // 19.1 GiB per core
  b.output(b.einsum('logits', x, w, ['B', 'V']));
  const r = costModule(b.build(), {});
  assert.equal(r.fits, false);
  const d = r.diagnostics.filter((x) => x.code === 'cost-hbm-overflow');
  assert.equal(d[0]!.severity, 'error');
  assert.equal(d[1]!.valueName, 'w');
  assert.match(d[1]!.message, /over mesh axis 'x' \(4 ways\) would save 14\.31 GiB/);
});

test('runCostCommand: JSON with the documented keys, a table, and a self-contained HTML page', () => {
  const r = runCostCommand(megatron(), { train: true, json: true, html: 'out.html' });
  const j = r.json as Record<string, unknown>;
  for (const k of ['stepSeconds', 'flopsPerDevice', 'hbmBytesPerDevice', 'collectives', 'layers']) assert.ok(k in j, k);
  const c = (j['collectives'] as Record<string, unknown>[])[0]!;
  assert.deepEqual(Object.keys(c).slice(0, 4), ['kind', 'bytesPerDevice', 'seconds', 'line']);
  assert.equal(c['line'], 7);
  assert.equal(JSON.parse(r.text).stepSeconds, j['stepSeconds']);
  assert.match(r.html!, /<svg/);
  assert.doesNotMatch(r.html!, /(src|href)="http/);
  assert.match(runCostCommand(megatron(), { train: false, json: false }).text, /TOTAL/);
});

test('layers come from the instance path of value names', () => {
  assert.equal(layerOfName('y.0.h'), 'y.0');
  assert.equal(layerOfName('y.0.h.1'), 'y.0');
  assert.equal(layerOfName('logits'), '(top level)');
});

test('hand-built GShard MoE: two all_to_alls per MoE layer, Lingvo capacity, under 16 GiB with remat', () => {
  assert.equal(capacity(1024, 512), 4);
  assert.equal(capacity(4096, 128), 64);
  assert.equal(capacity(1024, 2048), 4);
  const cfg = GSHARD_CONFIGS.find((c) => c.experts === 512 && c.layers === 12)!;
  const m = buildGShardModel(cfg);
  assert.equal(m.ops.filter((o) => o.kind === 'all_to_all').length, 2 * 6);   // 12 layers, MoE every other
  const r = costModule(m, { train: true, remat: true });
  assert.ok(r.fits, `${r.memory.peakBytes}`);
  assert.equal(memoryProfile(m, { train: false, remat: false }).gradientBytes, 0);
});
