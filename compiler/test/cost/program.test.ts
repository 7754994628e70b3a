// FLOPs, fusion, gradient flow, liveness, training step, HBM overflow and report shape on real partitioned programs of small sources.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { opWork } from '../../src/cost/flops.js';
import { fusedBytes } from '../../src/cost/fusion.js';
import { gradientFlow, hasBackward, operandGrads } from '../../src/cost/gradient.js';
import { adafactorStateBytes, livenessPeak, memoryProfile } from '../../src/cost/memory.js';
import { costModule } from '../../src/cost/cost.js';
import { runCostCommand } from '../../src/cost/index.js';
import { layerOfName, TOP_LEVEL } from '../../src/cost/layers.js';
import { opNamed, spmd } from './compile.js';

const F32 = 4;

// Megatron MLP: batch on y, hidden on x; the second einsum's partial sums are all-reduced over x, and
// the replicated result is gathered over y.
const MEGATRON = `mesh m = tpu_v3 [x = 4, y = 2]
dim B = 64
dim M = 512
dim H = 256
dim N = 64

layer mlp(x: f32[B, M]) -> f32[B, M] {
  param wi: f32[M, H] @ [_, x]
  param wo: f32[H, M] @ [x, _]
  h = relu(einsum("BM,MH->BH", x, wi))
  return einsum("BH,HM->BM", h, wo)
}

model main(x: f32[B, M] @ [y, _]) -> f32[B, M] {
  y = mlp(x)
  z = y * 1.0 @ [_, _]
  return z
}
`;

// GShard's MoE layer (Algorithm 2) twice, one expert per device.
const MOE = `mesh m = tpu_v3 [x = 8]
dim G = 8
dim S = 16
dim M = 128
dim H = 256
dim E = 8
dim C = 4

layer moe(x: f32[G, S, M]) -> f32[G, S, M] {
  param wg: f32[M, E] @ replicate
  param wi: f32[E, M, H] @ split(E, 8)
  param wo: f32[E, H, M] @ split(E, 8)
  logits = einsum("GSM,ME->GSE", x, wg)
  combine, dispatch, aux = top2_gating(logits, E, C)
  expert_inputs = einsum("GSEC,GSM->EGCM", dispatch, x)
  h = relu(einsum("EGCM,EMH->EGCH", expert_inputs, wi))
  expert_outputs = einsum("EGCH,EHM->GECM", h, wo)
  return x + einsum("GSEC,GECM->GSM", combine, expert_outputs)
}

model main(x: f32[G, S, M] @ split(G, 8)) -> f32[G, S, M] {
  y = repeat 2 moe(x)
  return y
}
`;

test('einsum FLOPs = 2 x product of all distinct dims (per device); full MXU tiles for 128-multiples, padding loss otherwise', () => {
  const m = spmd(`mesh m = tpu_v3 [x = 2]
dim B = 16
dim M = 256
dim H = 512
dim N = 64
model main(x: f32[B, M] @ split(B, 2)) -> (f32[B, H], f32[B, N]) {
  param w: f32[M, H] @ replicate
  param s: f32[M, N] @ replicate
  return einsum("BM,MH->BH", x, w), einsum("BM,MN->BN", x, s)
}
`);
  const [h, n] = m.ops.filter((o) => o.kind === 'einsum').map(opWork);
  assert.equal(h!.flops, 2 * 8 * 256 * 512);   // B = 16 split 2 ways
  assert.equal(h!.cls, 'matmul');
  assert.equal(h!.mxuFill, 1);
  assert.equal(n!.mxuFill, 64 / 128);            // K = 256 fills; the wider free side (N = 64) sets the fill
});

test('an einsum that contracts nothing is a broadcast multiply on the vector unit and fuses like one', () => {
  const m = spmd(MOE);
  const outer = opNamed(m, 'y.0.combine.combine1');
  const w = opWork(outer);
  assert.equal(w.cls, 'vector');
  assert.equal(w.flops, 16 * 8 * 4);
  // Its operands (gate-weighted mask, slot one-hot) are elementwise with one user, and so is it (the add
  // of the two choices): the whole chain runs in registers; only the sum, `combine`, reaches HBM.
  const fused = fusedBytes(m);
  assert.equal(fused.get(outer.id), 0);
  assert.equal(fused.get(opNamed(m, 'y.0.combine').id), 16 * 8 * 4 * F32);
});

test('fusion: elementwise chains stay in registers; a matmul hands its result to a single elementwise user (output fusion)', () => {
  const m = spmd(`mesh m = tpu_v3 [x = 2]
dim B = 1024
dim M = 256
dim K = 256
model main(x: f32[B, M] @ split(B, 2)) -> f32[B] {
  param w: f32[M, K] @ replicate
  a = relu(einsum("BM,MK->BK", x, w))
  return reduce_sum(exp(a), K)
}
`);
  const fused = fusedBytes(m);
  const [mm, relu, exp, sum] = m.ops;
  const act = 512 * 256 * F32;   // [B/2, K] per device
  assert.equal(fused.get(mm!.id), act + 256 * 256 * F32);   // reads x and w; the result never reaches HBM
  assert.equal(fused.get(relu!.id), 0);                       // reads the matmul in VMEM, hands a to exp
  assert.equal(fused.get(exp!.id), 0);                        // both edges internal
  assert.equal(fused.get(sum!.id), 512 * F32);                // writes the sums
  assert.equal(relu!.kind, 'relu');
});

test('output fusion: an elementwise op fused onto a matmul is timed in its kernel, max(MXU, both ops\' bytes)', () => {
  const m = spmd(`mesh m = tpu_v3 [x = 2]
dim B = 8192
dim M = 1024
dim H = 1024
model main(x: f32[B, M] @ split(B, 2)) -> f32[B, M] {
  param wi: f32[M, H] @ replicate
  param wo: f32[H, M] @ replicate
  h = relu(einsum("BM,MH->BH", x, wi))
  y = x + einsum("BH,HM->BM", h, wo)
  return y * 2.0
}
`);
  const report = costModule(m, {});
  const ops = report.step.ops;
  const [mm1, mm2] = ops.filter((o) => o.op.kind === 'einsum');
  const relu = ops.find((o) => o.op.kind === 'relu')!;
  const add = ops.find((o) => o.op.kind === 'add')!;
  const act = 4096 * 1024 * F32;   // [B/2, 1024] per device
  const w = 1024 * 1024 * F32;
  // relu writes h (read by the next matmul): that write streams out of the first matmul's kernel.
  assert.deepEqual([relu.bytes, relu.seconds], [0, 0]);
  assert.equal(mm1!.bytes, act + w + act);
  // The residual add reads x and hands y to `* 2.0` in registers: its x read joins the second matmul's kernel.
  assert.deepEqual([add.bytes, add.seconds], [0, 0]);
  assert.equal(mm2!.bytes, act + w + act);
  const hw = report.hardware;
  for (const mm of [mm1!, mm2!]) {
    assert.equal(mm.boundBy, 'mxu');
    assert.ok(Math.abs(mm.seconds - mm.flops / (hw.peakFlops / hw.f32MatmulPasses * hw.mxuEfficiency)) < 1e-12);
  }
});

test('gradient flow: the gating masks have no backward; the dispatch einsum differentiates only its tokens; unused aux gets none', () => {
  const m = spmd(MOE);
  const flow = gradientFlow(m);
  // Layer 0 reads the model input (data): its dispatch einsum has nothing to differentiate.
  assert.deepEqual(operandGrads(flow, opNamed(m, 'y.0.expert_inputs.local')), [false, false]);
  // Layer 1's tokens carry a gradient, its dispatch mask does not: one backward matmul, not two.
  assert.deepEqual(operandGrads(flow, opNamed(m, 'y.1.expert_inputs.local')), [false, true]);
  assert.deepEqual(operandGrads(flow, opNamed(m, 'y.1.h.x')), [true, true]);
  for (const name of ['y.1.combine.idx1', 'y.1.combine.mask1_raw', 'y.1.combine.pos1', 'y.1.dispatch']) assert.equal(hasBackward(flow, opNamed(m, name)), false, name);
  assert.equal(hasBackward(flow, opNamed(m, 'y.1.combine.gates')), true);
  // aux is not returned: its all_reduce gets no backward mirror.
  assert.equal(hasBackward(flow, opNamed(m, 'y.1.aux')), false);
  const tr = costModule(m, { train: true });
  assert.equal(tr.step.collectives.filter((c) => c.phase === 'forward' && c.kind === 'all_to_all').length, 4);   // 2 per MoE layer
  // Layer 0 dispatches the model input (data): no gradient flows back through its first all_to_all.
  assert.equal(tr.step.collectives.filter((c) => c.phase === 'backward' && c.kind === 'all_to_all').length, 3);
  assert.equal(tr.step.collectives.filter((c) => c.phase === 'backward' && c.kind === 'all_reduce').length, 0);
  assert.ok(tr.fits);
});

test('peak live bytes follow program order and last uses', () => {
  // a, big and s have two users each, so no fusion keeps them on chip; they take HBM while live.
  const m = spmd(`mesh m = tpu_v3 [x = 2]
dim B = 2048
dim V = 16
model main(x: f32[B] @ split(B, 2), ids: i32[B] @ split(B, 2)) -> f32[B] {
  a = neg(x)
  big = one_hot(ids, V)
  s = reduce_sum(big, V)
  return (a + s) * (a + reduce_max(big, V)) + s
}
`);
  const { peak, peakAt } = livenessPeak(m);
  const v = 1024 * F32;
  // At the reduce_max: inputs x and ids, a, big (dies after this op), s, and the max (a + s feeds the mul on chip).
  assert.equal(peak, v + v + v + 16 * v + v + v);
  assert.equal(m.ops[peakAt]!.kind, 'reduce_max');
});

test('values a fusion keeps on chip take no HBM while live', () => {
  // neg -> add and one_hot -> reduce_sum are fused edges (one user each): neither result is written to HBM.
  const m = spmd(`mesh m = tpu_v3 [x = 2]
dim B = 2048
dim V = 16
model main(x: f32[B] @ split(B, 2), ids: i32[B] @ split(B, 2)) -> f32[B] {
  a = neg(x)
  big = one_hot(ids, V)
  return a + reduce_sum(big, V)
}
`);
  const { peak } = livenessPeak(m);
  const v = 1024 * F32;
  // x, ids, the reduce_sum's result (read by the add) and the output are in HBM; a and big (16 v) are not.
  assert.equal(peak, 4 * v);
});

test('Adafactor keeps rows + cols per matrix, the full size of a vector', () => {
  assert.equal(adafactorStateBytes({ dtype: 'f32', dims: [{ name: 'M', size: 1024 }, { name: 'H', size: 8192 }] }), (1024 + 8192) * 4);
  assert.equal(adafactorStateBytes({ dtype: 'f32', dims: [{ name: 'E', size: 2 }, { name: 'M', size: 8 }, { name: 'H', size: 4 }] }), 2 * 12 * 4);
  assert.equal(adafactorStateBytes({ dtype: 'f32', dims: [{ name: 'M', size: 10 }] }), 40);
});

test('training: backward collectives mirror the forward, replicated params get a gradient all-reduce, matmuls pay one pass per operand gradient, remat re-runs the forward', () => {
  const m = spmd(MEGATRON);
  const fwd = costModule(m, {});
  const tr = costModule(m, { train: true });
  const re = costModule(m, { train: true, remat: true });
  const phases = tr.step.collectives.map((c) => `${c.phase}:${c.kind}`);
  assert.deepEqual(phases.sort(), ['backward:all_reduce', 'backward:reduce_scatter', 'forward:all_gather', 'forward:all_reduce', 'gradient-sync:all_reduce'].sort());
  const rs = tr.step.collectives.find((c) => c.kind === 'reduce_scatter')!;
  assert.equal(rs.bytesPerDevice, 64 * 512 * F32);           // the all_gather's result
  const sync = tr.step.collectives.find((c) => c.phase === 'gradient-sync')!;
  assert.deepEqual(sync.axes, ['y']);                        // split on x, replicated on y
  assert.equal(sync.bytesPerDevice, 2 * 512 * 64 * F32);
  // x is data: the first matmul has only a weight gradient (2 passes), the second both (3 passes).
  const [mm1, mm2] = fwd.step.ops.filter((o) => o.cls === 'matmul');
  const rest = fwd.step.ops.filter((o) => o.cls === 'vector').reduce((s, o) => s + o.flops, 0);
  assert.ok(Math.abs(tr.step.flopsPerDevice - (2 * mm1!.flops + 3 * mm2!.flops + 3 * rest)) < 1);
  // Remat re-runs the layer's forward, not the top level's (`z = y * 1.0`): its backward follows its forward at once.
  const inLayer = fwd.step.ops.filter((o) => o.layer !== TOP_LEVEL).reduce((s, o) => s + o.flops, 0);
  const top = fwd.step.ops.filter((o) => o.layer === TOP_LEVEL);
  assert.ok(top.some((o) => o.flops > 0));
  assert.ok(Math.abs(re.step.flopsPerDevice - tr.step.flopsPerDevice - inLayer) < 1);
  assert.ok(!re.step.collectives.some((c) => c.phase === 'remat' && c.layer === TOP_LEVEL));
  assert.ok(re.step.stepSeconds > tr.step.stepSeconds);
  assert.ok(memoryProfile(m, { train: true, remat: false }).gradientBytes > 0);
  assert.equal(memoryProfile(m, { train: false, remat: false }).gradientBytes, 0);
});

test("saved activations: a product keeps an operand only for the other operand's gradient", () => {
  // y * 0.5 needs nothing saved (the constant gets no gradient); einsum(x, w) keeps x for w's gradient.
  const m = spmd(`mesh m = tpu_v3 [x = 2]
dim B = 256
dim M = 256
dim K = 128
model main(x: f32[B, M] @ split(B, 2)) -> f32[B] {
  param w: f32[M, K] @ replicate
  y = einsum("BM,MK->BK", x, w)
  return reduce_sum(y * 0.5, K)
}
`);
  const mem = memoryProfile(m, { train: true, remat: false });
  assert.equal(mem.savedActivationBytes, 128 * 256 * F32 + F32);   // x, and the scalar 0.5 for y's gradient
});

test('over 16 GiB per core: cost-hbm-overflow names the largest tensor and the saving of splitting it', () => {
  const m = spmd(`mesh m = tpu_v3 [x = 4, y = 2]
dim B = 16
dim M = 1024
dim V = 10000000
model main(x: f32[B, M] @ [_, y]) -> f32[B, V] {
  param w: f32[M, V] @ [y, _]
  return einsum("BM,MV->BV", x, w)
}
`);
  const r = costModule(m, {});
  assert.equal(r.fits, false);
  const d = r.diagnostics.filter((x) => x.code === 'cost-hbm-overflow');
  assert.equal(d[0]!.severity, 'error');
  assert.equal(d[1]!.valueName, 'w');
  assert.match(d[1]!.message, /over mesh axis 'x' \(4 ways\) would save 14\.31 GiB/);
});

test('runCostCommand: JSON with the documented keys, a table, and a self-contained HTML page', () => {
  const r = runCostCommand(spmd(MEGATRON), { train: true, json: true, html: 'out.html' });
  const j = r.json as Record<string, unknown>;
  for (const k of ['stepSeconds', 'flopsPerDevice', 'hbmBytesPerDevice', 'collectives', 'layers']) assert.ok(k in j, k);
  const c = (j['collectives'] as Record<string, unknown>[])[0]!;
  assert.deepEqual(Object.keys(c).slice(0, 4), ['kind', 'bytesPerDevice', 'seconds', 'line']);
  assert.equal(c['line'], 11);                                // the einsum whose partial sums are reduced
  assert.equal(JSON.parse(r.text).stepSeconds, j['stepSeconds']);
  assert.match(r.html!, /<svg/);
  assert.doesNotMatch(r.html!, /(src|href)="http/);
  assert.match(runCostCommand(spmd(MEGATRON), { train: false, json: false }).text, /TOTAL/);
});

test('layers come from the instance path of value names', () => {
  assert.equal(layerOfName('y.0.h'), 'y.0');
  assert.equal(layerOfName('y.0.h.1'), 'y.0');
  assert.equal(layerOfName('logits'), '(top level)');
  const tr = costModule(spmd(MOE), { train: true });
  assert.ok(tr.step.layers.some((l) => l.name.includes('y.1')));
});
