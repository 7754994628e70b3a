// Tests for the DSL sharding text, JAX type strings and Shardy text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mustMakeMesh } from '../../src/ir/mesh.js';
import { makeSharding, shardingsEqual } from '../../src/ir/sharding.js';
import { shardingToText, parseShardingText, jaxTypeString } from '../../src/ir/sharding-text.js';
import { toShardySharding, fromShardySharding, shardyMesh, parseShardyMesh, shardyMeshDecl } from '../../src/sharding/shardy-text.js';
import { tensorType } from '../../src/ir/types.js';

const rich = makeSharding('m', [
  ['x'], [], { axes: ['x', 'y'], closed: false }, { axes: [], closed: false }, { axes: ['x'], closed: true, priority: 1 },
], { replicated: ['y'], unreduced: ['z'] });

test('DSL text prints the canonical form and parses it back', () => {
  const text = '[x, _, (x, y)?, ?, x p1] replicated(y) unreduced(z)';
  assert.equal(shardingToText(rich), text);
  const back = parseShardingText(text, 'm');
  assert.ok(back.sharding && shardingsEqual(back.sharding, rich));
  assert.equal(shardingToText(makeSharding('m', [])), '[]');
  assert.deepEqual(parseShardingText('[]', 'm').sharding?.dims, []);
});

test('DSL text parsing tolerates spacing and rejects junk with a column', () => {
  const s = parseShardingText('  [ ( x ,y ) ? p0 ,_]unreduced( z )', 'm');
  assert.ok(s.sharding);
  assert.deepEqual(s.sharding.dims[0], { axes: ['x', 'y'], closed: false, priority: 0 });
  assert.deepEqual(s.sharding.unreduced, ['z']);
  for (const bad of ['[x', 'x]', '[x y]', '[()]', '[x] foo(y)', '[x,]', '[x] replicated(']) {
    const r = parseShardingText(bad, 'm');
    assert.equal(r.problem?.code, 'shard-syntax', bad);
  }
  assert.match(parseShardingText('[x y]', 'm').problem!.message, /column 4/);
});

test('jaxTypeString marks split dims with @ and unreduced axes in braces', () => {
  const t = tensorType('f32', [{ name: 'G', size: 8 }, { name: 'S', size: 4 }, { name: 'E', size: 4 }]);
  assert.equal(jaxTypeString(t, makeSharding('m', [['x'], [], ['x', 'y']])), 'f32[G@x, S, E@(x,y)]');
  assert.equal(jaxTypeString(t, makeSharding('m', [[], [], []], { unreduced: ['y'] })), 'f32[G, S, E] {unreduced: y}');
  assert.equal(jaxTypeString(tensorType('bf16', []), makeSharding('m', [])), 'bf16[]');
});

test('Shardy text prints open dims, priorities, replicated and unreduced', () => {
  assert.equal(toShardySharding(rich),
    '#sdy.sharding<@m, [{"x"}, {}, {"x", "y", ?}, {?}, {"x"}p1], replicated={"y"}, unreduced={"z"}>');
  assert.equal(toShardySharding(makeSharding('mesh', [['x'], { axes: ['y'], closed: false }, []])),
    '#sdy.sharding<@mesh, [{"x"}, {"y", ?}, {}]>');
  const back = fromShardySharding(toShardySharding(rich));
  assert.ok(back.sharding && shardingsEqual(back.sharding, rich));
  const bare = fromShardySharding('<@mesh_0, [{"axis_2"}, {"axis_0", "axis_1"}]>');
  assert.deepEqual(bare.sharding?.dims.map((d) => d.axes), [['axis_2'], ['axis_0', 'axis_1']]);
});

test('Shardy parsing reports sub-axes and syntax errors as problems', () => {
  assert.equal(fromShardySharding('#sdy.sharding<@m, [{"y"}, {"x":(2)2}]>').problem?.code, 'shard-sub-axis');
  assert.equal(fromShardySharding('#sdy.sharding<@m, [{"y"}').problem?.code, 'shard-shardy-syntax');
  assert.equal(fromShardySharding('#sdy.sharding<@m, [{"y"}], foo={"x"}>').problem?.code, 'shard-shardy-syntax');
  assert.equal(fromShardySharding('#sdy.sharding<@m, [{?, "y"}]>').problem?.code, 'shard-shardy-syntax');
});

test('Shardy meshes print device_ids only when not iota, and parse back', () => {
  const a = mustMakeMesh({ name: 'a', kind: 'plain', axes: [{ name: 'x', size: 2 }, { name: 'y', size: 4 }] });
  assert.equal(shardyMesh(a), '<["x"=2, "y"=4]>');
  assert.equal(shardyMeshDecl(a), 'sdy.mesh @a = <["x"=2, "y"=4]>');
  const b = mustMakeMesh({ name: 'b', kind: 'plain', axes: [{ name: 'x', size: 2 }], deviceIds: [1, 0] });
  assert.equal(shardyMesh(b), '<["x"=2], device_ids=[1, 0]>');
  for (const m of [a, b]) {
    const spec = parseShardyMesh(shardyMesh(m), m.name);
    assert.ok(!('error' in spec));
    assert.deepEqual(mustMakeMesh(spec), m);
  }
  assert.ok('error' in parseShardyMesh('<["x"=]>', 'm'));
});
