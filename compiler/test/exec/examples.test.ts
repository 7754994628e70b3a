// Every small example on meshes of 1, 2, 4, 8 and 16 simulated devices equals its unpartitioned reference run; the big one is refused by the memory guard.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { compileSource, failureText, withSplits } from './helpers.js';
import { estimateRun, MemoryLimitError, runModel } from '../../src/exec/run-model.js';
import { LIMITS } from '../../src/limits.js';

const examplesDir = fileURLToPath(new URL('../../../../examples/', import.meta.url));
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.gshard')).sort();
/** Examples whose run fits in this much memory count as small (the rest are for `gshard cost`). */
const SMALL = 256 * 1024 ** 2;

/** Meshes of 1..16 devices with the example's axis names: one axis takes all, two axes split it as evenly as they can. */
function meshesFor(text: string): { spec: string; parts: number }[] {
  const decl = /mesh\s+\w+\s*=\s*(?:tpu_v3\s*)?\[([^\]]*)\]/.exec(text)!;
  const axes = decl[1]!.split(',').map((a) => a.split('=')[0]!.trim());
  return [1, 2, 4, 8, 16].map((n) => {
    if (axes.length === 1) return { spec: `${axes[0]}=${n}`, parts: n };
    const a = ({ 1: 1, 2: 2, 4: 2, 8: 2, 16: 4 } as Record<number, number>)[n]!; // 1x1, 2x1, 2x2, 2x4, 4x4
    return { spec: `${axes[0]}=${a},${axes[1]}=${n / a}${axes.slice(2).map((x) => `,${x}=1`).join('')}`, parts: n };
  });
}

describe('examples on the simulated mesh', () => {
  assert.ok(examples.length >= 3, `expected examples in ${examplesDir}`);
  for (const file of examples) {
    const text = readFileSync(join(examplesDir, file), 'utf8');
    const whole = compileSource(text);
    const small = estimateRun(whole.global, whole.local).total <= SMALL;
    if (!small) {
      it(`${file} is too big to simulate: the memory guard refuses it before allocating`, async () => {
        await assert.rejects(runModel(whole.global, whole.local), (e: unknown) => {
          assert.ok(e instanceof MemoryLimitError);
          assert.match(e.message, new RegExp(LIMITS.runBytes.envVar));
          assert.match(e.message, /limits\.ts/);
          return true;
        });
      });
      continue;
    }
    for (const { spec, parts } of meshesFor(text)) {
      it(`${file} on ${spec} equals the reference`, async () => {
        const { global, local } = compileSource(withSplits(text, parts), spec);
        const r = await runModel(global, local, { seed: 7 });
        assert.equal(r.devices, parts);
        assert.ok(r.equal, `${file} on ${spec}: ${failureText(r)}`);
        for (const o of r.outputs) assert.ok(o.maxRelError <= 1e-5, `${o.name}: ${o.maxRelError}`);
      });
    }
  }
});
