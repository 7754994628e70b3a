// The op registry is complete: every kind has an entry with every field, the collectives are the
// entries with a mesh kernel, the surface calls match, and every kind's printed form parses back.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  COLLECTIVE_KINDS, OP_ENTRIES, OP_KINDS, OP_REGISTRY, isCollectiveKind, opEntry, type OpKind,
} from '../../src/ops/registry.js';
import type { OpEntry } from '../../src/ops/entry.js';
import { BUILTINS } from '../../src/lower/builtins.js';
import { parseModuleText } from '../../src/ir/text-parser.js';
import { printModule } from '../../src/ir/printer.js';
import { verifyModule } from '../../src/ops/verify.js';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every field of an entry (`gradient`: a rule, or the reason there is none). */
const FIELDS: readonly (keyof OpEntry)[] = [
  'name', 'doc', 'family', 'tier', 'infer', 'rule', 'work', 'fusion', 'kernel', 'collective', 'stablehlo', 'jax',
  'splitNormalization', 'training', 'gradient', 'surface', 'partition', 'role',
];
const FUNCTIONS: readonly (keyof OpEntry)[] = ['infer', 'rule', 'work', 'fusion', 'kernel'];
const FAMILIES = new Set([
  'einsum', 'elementwise', 'unary', 'normalizations', 'reductions', 'shape', 'indexing', 'constant', 'collectives',
  'spmd-local', 'compare', 'random', 'slicing',
]);

/** A lowering, or the reason the op is not exported. */
function checkLowering(kind: string, what: string, v: unknown): void {
  if (typeof v === 'function') return;
  assert.ok(v && typeof v === 'object' && typeof (v as { notExported: unknown }).notExported === 'string'
    && (v as { notExported: string }).notExported.length > 0, `${kind}: ${what} is neither a lowering nor a reason`);
}

/** A gradient rule, or the reason the op has none: never left open. */
function checkGradient(kind: string, g: unknown): void {
  if (typeof g === 'function') return;
  assert.ok(g && typeof g === 'object' && typeof (g as { notDifferentiable: unknown }).notDifferentiable === 'string'
    && (g as { notDifferentiable: string }).notDifferentiable.length > 0, `${kind}: gradient is neither a rule nor a reason`);
}

describe('op registry', () => {
  it('has an entry with every field for every kind', () => {
    assert.ok(OP_KINDS.length >= 36, `${OP_KINDS.length} kinds`);
    for (const kind of OP_KINDS) {
      const e = OP_REGISTRY[kind];
      assert.equal(e.name, kind, 'an entry is filed under its own name');
      for (const f of FIELDS) assert.ok(f in e, `${kind} lacks ${f}`);
      for (const f of FIELDS) {
        assert.notEqual(e[f], undefined, `${kind}.${f} is undefined`);
      }
      for (const f of FUNCTIONS) assert.equal(typeof e[f], 'function', `${kind}.${f}`);
      assert.ok(e.doc.length > 0, `${kind} has a doc line`);
      assert.ok(FAMILIES.has(e.family), `${kind}: family ${e.family}`);
      assert.ok(e.tier === 0 || e.tier === 1);
      checkLowering(kind, 'stablehlo', e.stablehlo);
      checkLowering(kind, 'jax', e.jax);
      assert.ok(e.splitNormalization === null || typeof e.splitNormalization === 'function');
      checkGradient(kind, e.gradient);
      assert.ok(['operands', 'result', 'both', 'none'].includes(e.training.saves));
      assert.ok(['product', 'quotient', 'none'].includes(e.training.product));
    }
  });

  it('lists the collectives once: the entries with a time model and a mesh kernel', () => {
    const withKernel = OP_ENTRIES.filter((e) => e.collective !== null).map((e) => e.name);
    assert.deepEqual([...COLLECTIVE_KINDS], withKernel);
    const expected = ['all_reduce', 'all_gather', 'reduce_scatter', 'all_to_all', 'collective_permute'];
    assert.deepEqual([...COLLECTIVE_KINDS], expected);
    for (const e of OP_ENTRIES) {
      assert.equal(isCollectiveKind(e.name), e.collective !== null, e.name);
      if (e.collective) {
        assert.equal(typeof e.collective.kernel, 'function');
        const back = e.collective.transpose.kind;
        assert.ok(isCollectiveKind(back), `${e.name}'s transpose ${back} is a collective`);
        const backBack = opEntry(back)!.collective!.transpose.kind;
        assert.equal(backBack, e.name, `the transpose of ${e.name}'s transpose is itself`);
        assert.equal(e.family, 'collectives');
        assert.equal(e.work({ kind: e.name, operands: [], results: [], attrs: {} } as never).cls, 'collective');
      }
    }
    assert.equal(opEntry('no_such_op'), undefined);
  });

  it('gives every op callable from source a built-in with the entry\'s surface doc', () => {
    for (const e of OP_ENTRIES) {
      const b = BUILTINS.get(e.name) ?? [...BUILTINS.values()].find((x) => x.lowersTo === e.name);
      if (e.surface.form === 'none') assert.ok(!b || b.lowersTo, `${e.name} is not callable`);
      else assert.ok(b, `${e.name} is callable from source`);
      if (e.surface.form !== 'none' && e.surface.form !== 'custom') assert.equal(b!.doc, e.surface.doc);
    }
  });

  it('marks exactly the ops without a gradient, and they carry none in their training facts', () => {
    const none = OP_ENTRIES.filter((e) => typeof e.gradient !== 'function').map((e) => e.name);
    assert.deepEqual(none, ['lt', 'gt', 'compare', 'argmax', 'iota', 'one_hot', 'constant', 'dynamic_slice']);
    for (const e of OP_ENTRIES) {
      if (typeof e.gradient === 'function' || e.name === 'dynamic_slice') continue;
      assert.equal(e.training.differentiable, 'none', `${e.name} has no gradient rule, so no result carries one`);
    }
  });

  it('expands exactly the normalizing ops when their dim is split', () => {
    const expanding = OP_ENTRIES.filter((e) => e.splitNormalization).map((e) => e.name);
    assert.deepEqual(expanding, ['softmax', 'log_softmax', 'layer_norm', 'rms_norm', 'logsumexp']);
  });
});

// One op line per kind, in the printer's form. A Record over OpKind: a new op without its line is a type error.
const A = '%a: f32[B=8, M=4]';
const ONE_OP: Record<OpKind, string> = {
  einsum: `%r: f32[B=8] = einsum(%a, %b) {"inputs":[["B","M"],["B","M"]],"output":["B"]}`,
  add: `%r: f32[B=8, M=4] = add(%a, %b)`,
  sub: `%r: f32[B=8, M=4] = sub(%a, %v)`,
  mul: `%r: f32[B=8, M=4] = mul(%a, %s)`,
  div: `%r: f32[B=8, M=4] = div(%a, %b)`,
  max: `%r: f32[B=8, M=4] = max(%a, %b)`,
  min: `%r: f32[B=8, M=4] = min(%a, %b)`,
  lt: `%r: f32[B=8, M=4] = lt(%a, %b)`,
  gt: `%r: f32[B=8, M=4] = gt(%a, %b)`,
  compare: `%r: bool[B=8, M=4] = compare(%a, %v) {"direction":"LE"}`,
  select: `%r: f32[B=8, M=4] = select(%p, %a, %s)`,
  relu: `%r: f32[B=8, M=4] = relu(%a)`,
  gelu: `%r: f32[B=8, M=4] = gelu(%a)`,
  exp: `%r: f32[B=8, M=4] = exp(%a)`,
  log: `%r: f32[B=8, M=4] = log(%a)`,
  tanh: `%r: f32[B=8, M=4] = tanh(%a)`,
  neg: `%r: f32[B=8, M=4] = neg(%a)`,
  sqrt: `%r: f32[B=8, M=4] = sqrt(%a)`,
  abs: `%r: f32[B=8, M=4] = abs(%a)`,
  rsqrt: `%r: f32[B=8, M=4] = rsqrt(%a)`,
  square: `%r: f32[B=8, M=4] = square(%a)`,
  sigmoid: `%r: f32[B=8, M=4] = sigmoid(%a)`,
  silu: `%r: f32[B=8, M=4] = silu(%a)`,
  pow: `%r: f32[B=8, M=4] = pow(%a) {"exponent":3}`,
  dropout: `%r: f32[B=8, M=4] = dropout(%a, %k) {"rate":0.1}`,
  cast: `%r: bf16[B=8, M=4] = cast(%a) {"to":"bf16"}`,
  softmax: `%r: f32[B=8, M=4] = softmax(%a) {"dim":"M"}`,
  log_softmax: `%r: f32[B=8, M=4] = log_softmax(%a) {"dim":"M"}`,
  layer_norm: `%r: f32[B=8, M=4] = layer_norm(%a) {"dims":["M"]}`,
  rms_norm: `%r: f32[B=8, M=4] = rms_norm(%a) {"dim":"M","eps":0.000001}`,
  logsumexp: `%r: f32[B=8] = logsumexp(%a) {"dim":"M"}`,
  reduce_sum: `%r: f32[B=8] = reduce_sum(%a) {"dims":["M"]}`,
  reduce_mean: `%r: f32[M=4] = reduce_mean(%a) {"dims":["B"]}`,
  reduce_max: `%r: f32[] = reduce_max(%a) {"dims":["B","M"]}`,
  cumsum: `%r: f32[B=8, M=4] = cumsum(%a) {"dim":"B","exclusive":true}`,
  argmax: `%r: i32[B=8] = argmax(%a) {"dim":"M"}`,
  top_k: `%r: f32[B=8, K=2], %r2: i32[B=8, K=2] = top_k(%a) {"dim":"M","k":2,"k_dim":"K"}`,
  transpose: `%r: f32[M=4, B=8] = transpose(%a) {"order":["M","B"]}`,
  reshape: `%r: f32[N=32] = reshape(%a) {"dims":["N"],"sizes":[32]}`,
  rename: `%r: f32[B=8, N=4] = rename(%a) {"from":"M","size":4,"to":"N"}`,
  broadcast: `%r: f32[M=4, E=3] = broadcast(%v) {"dims":["M","E"],"sizes":[4,3]}`,
  iota: `%r: i32[T=6] = iota() {"dim":"T","size":6}`,
  slice_along: `%r: f32[B=3, M=4] = slice_along(%a) {"dim":"B","size":3,"start":2}`,
  concat: `%r: f32[B=16, M=4] = concat(%a, %b) {"dim":"B"}`,
  one_hot: `%r: f32[B=8, E=3] = one_hot(%i) {"dim":"E","size":3}`,
  gather: `%r: f32[B=8, M=4] = gather(%t, %i) {"dim":"V"}`,
  constant: `%r: f32[] = constant() {"dtype":"f32","value":0.5}`,
  reshard: `%r: f32[B=8, M=4] = reshard(%a) {"to":"[x, _]"}`,
  dynamic_slice: `%r: f32[B=2, M=4] = dynamic_slice(%a) {"axes":["x"],"dim":"B","global_size":8,"size":2}`,
  slice: `%r: f32[B=6, M=4] = slice(%a) {"dim":"B","size":6}`,
  pad: `%r: f32[B=12, M=4] = pad(%a) {"dim":"B","size":12}`,
  mask: `%r: f32[B=8, M=4] = mask(%a) {"axes":["x"],"dim":"B","fill":"-inf","valid":7}`,
  all_reduce: `%r: f32[B=8, M=4] = all_reduce(%a) {"axes":["x"],"combiner":"sum"}`,
  all_gather: `%r: f32[B=32, M=4] = all_gather(%a) {"axes":["x"],"dim":"B","size":32}`,
  reduce_scatter: `%r: f32[B=2, M=4] = reduce_scatter(%a) {"axes":["x"],"dim":"B","size":2}`,
  all_to_all: '%r: f32[B=2, M=16] = all_to_all(%a) '
    + '{"axes":["x"],"concat_dim":"M","concat_size":16,"split_dim":"B","split_size":2}',
  collective_permute: `%r: f32[B=8, M=4] = collective_permute(%a) {"pairs":[[0,1],[1,2],[2,3],[3,0]]}`,
};

function moduleText(kind: OpKind): string {
  const local = isCollectiveKind(kind) || opEntry(kind)!.family === 'spmd-local';
  return [
    `module @t on @m = [x = 4] view ${local ? 'local' : 'global'} {`,
    `  input ${A}`, '  input %b: f32[B=8, M=4]', '  input %v: f32[M=4]', '  input %s: f32[]',
    '  input %i: i32[B=8]', '  input %t: f32[V=5, M=4]', '  input %p: bool[B=8, M=4]', '  input %k: i32[]',
    `  ${ONE_OP[kind]}`,
    '  return %r',
    '}',
  ].join('\n');
}

describe('every op kind in the IR text form', () => {
  for (const kind of OP_KINDS) {
    it(`${kind} prints, parses back to the same text, and checks against its signature`, () => {
      const parsed = parseModuleText(moduleText(kind));
      assert.ok(!('error' in parsed), 'error' in parsed ? parsed.error : '');
      const m = parsed.module;
      assert.equal(m.ops.length, 1);
      assert.equal(m.ops[0]!.kind, kind);
      assert.deepEqual(verifyModule(m), []);
      const printed = printModule(m);
      assert.ok(printed.includes(`${ONE_OP[kind]}`), `printed:\n${printed}`);
      const again = parseModuleText(printed);
      assert.ok(!('error' in again), 'error' in again ? again.error : '');
      assert.equal(printModule(again.module), printed);
    });
  }
});

/** Comparisons whose `.kind` is not an op's: the reshard plan's steps share names with collectives. */
const NOT_OP_KINDS: readonly { file: string; receiver: string; why: string }[] = [
  { file: 'compiler/src/partition/op-plan.ts', receiver: 's', why: 'a ReshardStep of the reshard plan' },
  { file: 'compiler/src/partition/lower-reshard.ts', receiver: 's', why: 'a ReshardStep of the reshard plan' },
  { file: 'compiler/src/partition/reshards-to-collectives.ts', receiver: 's', why: 'a ReshardStep' },
  { file: 'compiler/src/partition/reshard-plan.ts', receiver: 'permute', why: 'a ReshardStep' },
  { file: 'compiler/src/partition/reshard-plan.ts', receiver: 'step', why: 'switch over ReshardStep kinds' },
];

/** `x.kind === 'einsum'`, `'einsum' !== x.kind` or `case 'einsum':` in a switch over `x.kind`, outside ops/. */
function opKindComparisons(root: string): string[] {
  const kinds = OP_KINDS.join('|');
  const cmp = new RegExp(`(\\w+)\\??\\.kind\\s*[!=]==?\\s*'(${kinds})'|'(${kinds})'\\s*[!=]==?\\s*(\\w+)\\??\\.kind`);
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) { if (rel !== 'compiler/src/ops') walk(rel); continue; }
      if (!e.name.endsWith('.ts')) continue;
      let switchOn: string | undefined;
      readFileSync(join(root, rel), 'utf8').split('\n').forEach((line, i) => {
        const sw = /switch\s*\(\s*(\w+)\??\.kind\s*\)/.exec(line);
        if (sw) switchOn = sw[1];
        const m = cmp.exec(line);
        const c = new RegExp(`case '(${kinds})':`).exec(line);
        const receiver = m ? (m[1] ?? m[4]) : c ? switchOn : undefined;
        if (!m && !c) return;
        if (receiver === undefined && c) return; // a switch over something other than a `.kind`
        if (NOT_OP_KINDS.some((n) => n.file === rel && n.receiver === receiver)) return;
        found.push(`${rel}:${i + 1}: ${line.trim()}`);
      });
    }
  };
  for (const dir of ['compiler/src', 'lsp/src', 'cli/src', 'grammar/src']) {
    if (existsSync(join(root, dir))) walk(dir);
  }
  return found;
}

describe('op knowledge lives in the registry', () => {
  it('no source outside compiler/src/ops compares an op kind with a registered kind\'s name', () => {
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    assert.ok(existsSync(join(root, 'compiler/src/ops/registry.ts')), `repo root ${root}`);
    assert.deepEqual(opKindComparisons(root), [], 'add a registry field instead of naming the op in a pass');
  });
});
