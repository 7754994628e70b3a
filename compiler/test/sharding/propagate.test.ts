// Propagation golden tests (GShard's Algorithm 2, GSPMD's 2D pattern) and its properties:
// idempotent, never drops a user axis, always yields shardings valid for their types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compile, examplePath, readText } from '../helpers/repo.js';
import { frontend } from '../../src/pipeline.js';
import { propagateShardings } from '../../src/sharding/propagate.js';
import { jaxTypeString } from '../../src/ir/sharding-text.js';
import { validateSharding } from '../../src/ir/sharding.js';
import { allValues, type Module } from '../../src/ir/module.js';

const typeOf = (m: Module, name: string) => {
  const v = allValues(m).find((x) => x.name === name);
  assert.ok(v, `no value ${name}`);
  return jaxTypeString(v.type, v.sharding!);
};

test('MoE layer with only the paper annotations: Algorithm 2 on every tensor', () => {
  const { sharded: m } = compile(readText(examplePath('moe_layer.gshard')));
  const expected: Record<string, string> = {
    inputs: 'f32[G@x, S, M]',
    wg: 'f32[M, E]',
    logits: 'f32[G@x, S, E]',
    'combine.gates': 'f32[G@x, S, E]',
    combine: 'f32[G@x, S, E, C]',
    dispatch: 'f32[G@x, S, E, C]',
    expert_inputs: 'f32[E@x, G, C, M]',
    wi: 'f32[E@x, M, H]',
    h: 'f32[E@x, G, C, H]',
    wo: 'f32[E@x, H, M]',
    expert_outputs: 'f32[G@x, E, C, M]',
    outputs: 'f32[G@x, S, M]',
    aux: 'f32[]',
  };
  for (const [name, type] of Object.entries(expected)) assert.equal(typeOf(m, name), type, name);
  // Every gating intermediate with a G dim is split on G.
  for (const v of allValues(m).filter((x) => x.name.startsWith('combine.'))) {
    const g = v.type.dims.findIndex((d) => d.name === 'G');
    if (g >= 0) assert.deepEqual(v.sharding!.dims[g]!.axes, ['x'], v.name);
  }
  // Inferred values say where their sharding came from.
  const h = allValues(m).find((x) => x.name === 'h')!;
  assert.equal(h.annotation, undefined);
  assert.equal(h.origin!.chain[0]!.from, 'expert_inputs');
});

test('dense Transformer on data x model: batch on data, heads and hidden on model, everywhere', () => {
  const { sharded: m } = compile(readText(examplePath('dense_transformer.gshard')));
  for (const v of allValues(m).filter((x) => x.role === 'op')) {
    const axesOf = (dim: string) => v.sharding!.dims[v.type.dims.findIndex((d) => d.name === dim)]?.axes ?? [];
    if (v.type.dims.some((d) => d.name === 'B')) assert.deepEqual(axesOf('B'), ['data'], `${v.name}: ${jaxTypeString(v.type, v.sharding!)}`);
    if (v.type.dims.some((d) => d.name === 'N')) assert.deepEqual(axesOf('N'), ['model'], `${v.name}: ${jaxTypeString(v.type, v.sharding!)}`);
    if (v.type.dims.some((d) => d.name === 'H')) assert.deepEqual(axesOf('H'), ['model'], `${v.name}: ${jaxTypeString(v.type, v.sharding!)}`);
  }
});

/** A random chain of ops over dims A, B, C with random annotations on a 2 x 2 mesh. */
const program = fc.record({
  ops: fc.array(fc.constantFrom('relu(v)', 'v * 2', 'einsum("ABC,CB->AB", v3, w)', 'reduce_sum(v3, C)', 'transpose(v3, [B, A, C])'), { minLength: 1, maxLength: 6 }),
  inAnn: fc.constantFrom('[x, _, _]', '[_, y, _]', '[(x, y), _, _]', '[_, _, x]', '[x?, _, _]', '[?, ?, ?]', 'replicate'),
  wAnn: fc.constantFrom('[_, y]', '[x, _]', 'replicate', '[?, y]'),
});

function source(p: { ops: string[]; inAnn: string; wAnn: string }): string {
  const lines = ['mesh m = [x = 2, y = 2]', 'dim A = 4', 'dim B = 6', 'dim C = 5', 'model r(v3: f32[A, B, C] @ ' + p.inAnn + ', w: f32[C, B] @ ' + p.wAnn + ') on m {', '  v = reduce_sum(v3, C)'];
  p.ops.forEach((op, i) => {
    const uses3 = op.includes('v3');
    lines.push(`  t${i} = ${op}`);
    if (!uses3 && !op.includes('reduce') && !op.includes('transpose')) lines.push(`  v = t${i}`);
  });
  lines.push('  return v', '}');
  return lines.join('\n');
}

test('propagation is idempotent, keeps every user axis, and yields valid shardings (property)', () => {
  fc.assert(fc.property(program, (p) => {
    const front = frontend(source(p));
    if (!front.module) return; // a generated program the checker rejects says nothing about propagation
    const once = propagateShardings(front.module).module;
    const twice = propagateShardings(once).module;
    const a = allValues(once);
    const b = allValues(twice);
    a.forEach((v, i) => assert.deepEqual(b[i]!.sharding, v.sharding, `not idempotent at ${v.name}`));
    for (const v of a) {
      assert.deepEqual(validateSharding(v.sharding!, v.type, once.mesh).filter((x) => x.severity === 'error'), [], v.name);
      if (v.annotation) {
        v.annotation.dims.forEach((d, i) => {
          for (const axis of d.axes) assert.ok(v.sharding!.dims[i]!.axes.includes(axis), `${v.name} lost user axis ${axis}`);
        });
      }
    }
  }), { seed: 20261129, numRuns: 60 });
});
