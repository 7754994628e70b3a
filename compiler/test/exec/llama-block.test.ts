// examples/llama_block.gshard: Megatron tensor parallelism needs exactly two all-reduces per block
// (explain names each with its source line), and causality through `gshard run --inputs`: changing
// the input at later positions leaves every earlier position of the output unchanged.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from '../../src/cli/commands/run.js';
import { explainCommand } from '../../src/cli/commands/explain.js';
import { nodeIO, type CliIO } from '../../src/cli/io.js';
import { get, readNpy, writeNpy, type NDArray } from '../../src/runtime/index.js';

const examples = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const quiet: CliIO = { ...nodeIO, out: () => {}, err: () => {}, color: false };

/** Largest |a - b| over positions l in [from, to) of dim L. */
function diffAlong(a: NDArray, b: NDArray, from: number, to: number): number {
  let worst = 0;
  const [B, L, M] = a.shape as [number, number, number];
  for (let i = 0; i < B; i++) {
    for (let l = from; l < Math.min(to, L); l++) {
      for (let m = 0; m < M; m++) {
        const at = { B: i, L: l, M: m };
        worst = Math.max(worst, Math.abs(get(a, at) - get(b, at)));
      }
    }
  }
  return worst;
}

describe('llama_block', () => {
  it('explain lists exactly the two all-reduces over model per block (wo and w_down), nothing else', () => {
    let out = '';
    const io: CliIO = { ...quiet, out: (t) => { out += t; } };
    assert.equal(explainCommand([join(examples, 'llama_block.gshard')], io), 0);
    assert.match(out, /4 collectives on mesh tpu \(data=2, model=4\)/);
    const heads = out.split('\n').filter((l) => /^\d+\. /.test(l));
    const at = (block: number, line: number) =>
      `all_reduce over model in block[${block}] at ${join(examples, 'llama_block.gshard')}:${line}:11`;
    assert.deepEqual(heads.map((l) => l.replace(/^\d+\. /, '')), [at(0, 35), at(0, 38), at(1, 35), at(1, 38)]);
    assert.match(out, /contracting dim N is split on model/);
    assert.match(out, /contracting dim H is split on model/);
  });


  it('llama_block: a change at positions >= 10 changes no output before position 10', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gshard-causal-'));
    const file = join(examples, 'llama_block.gshard');
    const first = join(dir, 'first');
    assert.equal(await runCommand([file, '--workers', '0', '--seed', '5', '--save', first], quiet), 0);
    const changed = join(dir, 'changed');
    cpSync(first, changed, { recursive: true });
    const x = readNpy(join(first, 'inputs/x.npy'), ['B', 'L', 'M']);
    const data = Float32Array.from(x.data);
    const [, L, M] = x.shape as [number, number, number];
    for (let i = 0; i < data.length; i++) if (Math.floor(i / M) % L >= 10) data[i] = data[i]! * -3 + 0.5;
    writeNpy(join(changed, 'inputs/x.npy'), { ...x, data });
    const second = join(dir, 'second');
    assert.equal(await runCommand([file, '--workers', '0', '--inputs', changed, '--save', second], quiet), 0);
    for (const which of ['outputs', 'reference']) {
      const a = readNpy(join(first, `${which}/y.1.y.npy`), ['B', 'L', 'M']);
      const b = readNpy(join(second, `${which}/y.1.y.npy`), ['B', 'L', 'M']);
      assert.equal(diffAlong(a, b, 0, 10), 0, `${which}: positions before 10 are unchanged`);
      assert.ok(diffAlong(a, b, 10, L) > 1e-3, `${which}: positions from 10 on did change`);
    }
  });
});
