// `gshard cost` (text and --json) and `gshard explain` report the contraction order of an n-ary einsum at
// its line: each pairwise step with its FLOPs, the total, left to right and the worst pairing; and the
// order reported is the order of the einsum ops in the lowered and partitioned programs.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Module, Op } from '../../src/ir/module.js';
import { attrStringLists, attrStrings } from '../../src/ops/signature.js';
import { einsumFlops } from '../../src/ops/einsum.js';
import { compileSource } from '../exec/helpers.js';

function memoryIO(files: Record<string, string>) {
  let out = '';
  let err = '';
  const io: CliIO = {
    out: (t) => { out += t; }, err: (t) => { err += t; },
    readFile: (p) => {
      const text = files[p];
      if (text === undefined) throw new Error(`ENOENT: ${p}`);
      return text;
    },
    writeFile: () => {}, mkdir: () => {}, color: false,
  };
  return { io, get out() { return out; }, get err() { return err; } };
}

async function cli(args: string[], files: Record<string, string>): Promise<string> {
  const m = memoryIO(files);
  assert.equal(await runCli(args, m.io), 0, m.err);
  return m.out;
}

// x: [B, C] with a factor w: [A, D] and a core: [C, D, E]. Left to right (and greedy cheapest pair first)
// starts with x·w, an outer product, and then contracts a 5-dim [B, C, A, D] x [C, D, E]: 5.3x the FLOPs
// of contracting w with the core first.
const TUCKER = `mesh m = [x = 2, y = 2]
dim B = 16
dim C = 256
dim A = 4
dim D = 8
dim E = 256
model tucker(x: f32[B, C] @ [x, _], w: f32[A, D] @ [_, _], core: f32[C, D, E] @ [_, _, y]) -> f32[B, A, E] on m {
  y = einsum("BC,AD,CDE->BAE", x, w, core)
  return y
}
`;
const FILES = { 't.gshard': TUCKER };

// Global FLOPs: w·core = 2·A·D·C·E, x·(w·core) = 2·B·C·A·E; left to right B·C·A·D (the outer product x·w,
// a multiply per element) + 2·B·C·A·D·E.
const STEP1 = 2 * 4 * 8 * 256 * 256;
const STEP2 = 2 * 16 * 256 * 4 * 256;
const LEFT_TO_RIGHT = 16 * 256 * 4 * 8 + 2 * 16 * 256 * 4 * 8 * 256;

/** The einsum ops a source line lowered to, in program order, as (a·b)->result [subscripts]. */
function irSteps(m: Module, line: number): { a: string; b: string; result: string; spec: string; op: Op }[] {
  const name = (v: { name: string; globalName?: string }) => v.globalName ?? v.name;
  return m.ops.filter((op) => op.kind === 'einsum' && op.span.start.line === line).map((op) => {
    const [inA, inB] = attrStringLists(op.attrs, 'inputs');
    const [a, b] = op.operands;
    const r = op.results[0];
    assert.ok(a && b && r && inA && inB, 'a pairwise einsum');
    return { a: name(a), b: name(b), result: name(r), op,
      spec: `${inA.join('')},${inB.join('')}->${attrStrings(op.attrs, 'output').join('')}` };
  });
}

describe('cost and explain report the contraction order of an n-ary einsum', () => {
  it('cost --json: the exact order, FLOPs per step (global and per device), total, left to right, worst', async () => {
    const json = JSON.parse(await cli(['cost', 't.gshard', '--json'], FILES));
    assert.deepEqual(json.einsumOrders, [{
      line: 8, col: 7, spec: 'BC,AD,CDE->BAE', operands: ['x', 'w', 'core'], result: 'y', instances: 1,
      order: '(w·core)->y.pair0 [AD,CDE->ACE], (x·y.pair0)->y [BC,ACE->BAE]',
      steps: [
        // E is split on y: each device does half of w·core; B on x and E on y: a quarter of the second.
        { a: 'w', b: 'core', result: 'y.pair0', spec: 'AD,CDE->ACE', flops: STEP1, flopsPerDevice: STEP1 / 2 },
        { a: 'x', b: 'y.pair0', result: 'y', spec: 'BC,ACE->BAE', flops: STEP2, flopsPerDevice: STEP2 / 4 },
      ],
      flops: STEP1 + STEP2, leftToRightFlops: LEFT_TO_RIGHT, worstFlops: LEFT_TO_RIGHT, search: 'exhaustive',
    }]);
    assert.ok(LEFT_TO_RIGHT > 5 * (STEP1 + STEP2));
    // The cost model's own FLOPs are those of the chosen steps.
    assert.equal(json.flopsPerDevice, STEP1 / 2 + STEP2 / 4);
  });

  it('cost (text): the order at its line, each step with its FLOPs, and the comparison', async () => {
    const text = await cli(['cost', 't.gshard'], FILES);
    const tail = text.slice(text.indexOf('einsum contraction orders'));
    assert.equal(tail, [
      'einsum contraction orders (lowering picks the fewest FLOPs; global FLOPs, per device in parentheses):',
      `  8:7: y = einsum("BC,AD,CDE->BAE", x, w, core): ${STEP1 + STEP2} FLOPs; left to right as written `
        + `${LEFT_TO_RIGHT} (5.3x); worst pairing ${LEFT_TO_RIGHT} (5.3x)`,
      `    1. (w·core)->y.pair0 [AD,CDE->ACE]  ${STEP1} FLOPs (${STEP1 / 2} per device)`,
      `    2. (x·y.pair0)->y [BC,ACE->BAE]  ${STEP2} FLOPs (${STEP2 / 4} per device)`,
      '',
    ].join('\n'));
  });

  it('explain: the order after the collectives, at file:line:col; --json has the same entries as cost', async () => {
    const text = await cli(['explain', 't.gshard'], FILES);
    const lines = text.split('\n');
    assert.equal(lines[0], 't.gshard: no collectives: every op runs on its local shards without communication.');
    assert.ok(lines.includes(`  t.gshard:8:7: y = einsum("BC,AD,CDE->BAE", x, w, core): ${STEP1 + STEP2} FLOPs; `
      + `left to right as written ${LEFT_TO_RIGHT} (5.3x); worst pairing ${LEFT_TO_RIGHT} (5.3x)`), text);
    assert.ok(lines.includes(`    1. (w·core)->y.pair0 [AD,CDE->ACE]  ${STEP1} FLOPs (${STEP1 / 2} per device)`), text);
    assert.ok(lines.includes(`    2. (x·y.pair0)->y [BC,ACE->BAE]  ${STEP2} FLOPs (${STEP2 / 4} per device)`), text);
    const explained = JSON.parse(await cli(['explain', 't.gshard', '--json'], FILES));
    const costed = JSON.parse(await cli(['cost', 't.gshard', '--json'], FILES));
    assert.deepEqual(explained.einsumOrders, costed.einsumOrders);
  });

  it('the order reported is the order of the einsum ops in the global and the per-device program', async () => {
    const { global, local } = compileSource(TUCKER);
    const reported = JSON.parse(await cli(['cost', 't.gshard', '--json'], FILES)).einsumOrders[0];
    for (const m of [global, local]) {
      const ops = irSteps(m, 8);
      assert.deepEqual(ops.map(({ a, b, result, spec }) => ({ a, b, result, spec })),
        reported.steps.map(({ a, b, result, spec }: Record<string, unknown>) => ({ a, b, result, spec })), m.view);
      // Each step consumes the operands as written or an earlier step's result; the last makes the output.
      const made = new Set(['x', 'w', 'core']);
      for (const s of ops) {
        assert.ok(made.has(s.a) && made.has(s.b), `${s.result} uses only earlier terms`);
        made.add(s.result);
      }
      assert.equal(ops.at(-1)?.result, m.outputs[0]?.globalName ?? m.outputs[0]?.name);
    }
    // Global FLOPs of the ops as lowered equal the reported ones.
    assert.deepEqual(irSteps(global, 8).map(({ op }) => einsumFlops(op.operands.map((v) => v.type),
      op.results.map((v) => v.type))), [STEP1, STEP2]);
  });

  it('a repeated layer: one entry with its instance count, one note, and explain --train reports it too', async () => {
    const src = `mesh m = [x = 2]
dim B = 16
dim C = 256
dim A = 4
dim D = 8
dim E = 256
layer tucker(h: f32[B, C]) -> f32[B, C] {
  param w: f32[A, D] @ replicate
  param core: f32[C, D, E] @ replicate
  param back: f32[A, E, C] @ replicate
  t = einsum("BC,AD,CDE->BAE", h, w, core)
  return h + einsum("BAE,AEC->BC", t, back)
}
model deep(x: f32[B, C] @ [x, _]) -> f32[] on m {
  y = repeat 3 tucker(x)
  return reduce_sum(y, [B, C])
}
`;
    const files = { 'r.gshard': src };
    const m = memoryIO(files);
    assert.equal(await runCli(['cost', 'r.gshard', '--json'], m.io), 0, m.err);
    const { einsumOrders: orders, diagnostics } = JSON.parse(m.out);
    assert.equal(orders.length, 1);
    assert.equal(orders[0].instances, 3);
    assert.equal(orders[0].order, '(tucker[0].w·tucker[0].core)->tucker[0].t.pair0 [AD,CDE->ACE], '
      + '(x·tucker[0].t.pair0)->tucker[0].t [BC,ACE->BAE]');
    // The note names the operands as the layer's source does, so its instances give one note.
    const notes = diagnostics.filter((d: { code: string }) => d.code === 'shape-einsum-order');
    assert.equal(notes.length, 1);
    assert.match(notes[0].message, /contracted pairwise as \(w·core\)->t\.pair0 \[AD,CDE->ACE\], \(h·t\.pair0\)->t /);
    const train = await cli(['explain', 'r.gshard', '--train'], files);
    assert.match(train, /\n {2}r\.gshard:11:7: tucker\[0\]\.t = einsum\("BC,AD,CDE->BAE", x, tucker\[0\]\.w, tucker\[0\]\.core\) ×3: /);
  });

  it('a program without an n-ary einsum reports none (no key, no section)', async () => {
    const two = TUCKER.replace('einsum("BC,AD,CDE->BAE", x, w, core)', 'einsum("BC,CDE->BDE", x, core)')
      .replace('-> f32[B, A, E]', '-> f32[B, D, E]');
    const files = { 'p.gshard': two };
    assert.equal(JSON.parse(await cli(['cost', 'p.gshard', '--json'], files)).einsumOrders, undefined);
    assert.doesNotMatch(await cli(['cost', 'p.gshard'], files), /contraction order/);
    assert.doesNotMatch(await cli(['explain', 'p.gshard'], files), /contraction order/);
  });
});
