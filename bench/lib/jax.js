// The JAX side of bench/run.js: exports a model with `gshard export --format jax` and times its steps
// in a long-lived Python (GSHARD_JAX_PYTHON, a Python with jax==0.10.2) on N fake CPU devices.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const GSHARD = join(HERE, '..', '..', 'cli', 'bin', 'gshard.js');

/** The configured Python, or undefined (JAX columns are then left out, with the reason). */
export function jaxPython() {
  return process.env.GSHARD_JAX_PYTHON || undefined;
}

/**
 * Starts a timer for `file` (a .gshard path, or source text with `source: true`) exported with `args`
 * (e.g. ['--dim', 'B=16']), with `train` its `export --train` training step; resolves to
 * { step(): Promise<ms>, close(), info } once JAX compiled it.
 */
export async function startJaxTimer(python, { file, source, model, devices, args = [], train = false }) {
  const dir = mkdtempSync(join(tmpdir(), 'gshard-bench-jax-'));
  let path = file;
  if (source !== undefined) { path = join(dir, `${model}.gshard`); writeFileSync(path, source); }
  const exported = spawnSync(process.execPath, [GSHARD, 'export', path, '--format', 'jax', ...(train ? ['--train'] : []), ...args], { encoding: 'utf8' });
  if (exported.status !== 0) throw new Error(`gshard export --format jax failed: ${exported.stderr}`);
  const program = join(dir, `${model}.py`);
  writeFileSync(program, exported.stdout);
  const env = { ...process.env, XLA_FLAGS: `--xla_force_host_platform_device_count=${devices}`, JAX_PLATFORMS: 'cpu' };
  const child = spawn(python, [join(HERE, 'jax_timer.py'), program, model, ...(train ? ['--train'] : [])], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const line = async () => {
    const r = await lines.next();
    if (r.done) throw new Error(`the JAX timer ended: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return r.value;
  };
  const ready = await line();
  if (!ready.startsWith('ready')) throw new Error(`the JAX timer said '${ready}'`);
  return {
    info: ready.slice('ready '.length),
    async step() {
      child.stdin.write('run\n');
      return Number(await line());
    },
    close() {
      child.stdin.end();
      child.kill();
    },
  };
}
