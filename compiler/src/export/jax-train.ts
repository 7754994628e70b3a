// The training step as a JAX script: jax.value_and_grad of the exported forward model, then the same
// optimizer gshard applies, with parameters, optimizer state and inputs pinned to gshard's shardings.

import type { Module } from '../ir/module.js';
import { meshToString } from '../ir/mesh.js';
import { partitionSpec, partitionSpecPython } from './export-sharding.js';
import { ExportError } from './stablehlo.js';
import { jaxModel, type JaxOptions } from './jax.js';
import type { Optimizer } from '../train/optimizer.js';
import { dataAxes, stateSharding, type StatePlacement } from '../train/state-sharding.js';
import { must } from '../util/checked.js';

export interface JaxTrainOptions extends JaxOptions {
  readonly optimizer: Optimizer;
  readonly statePlacement: StatePlacement;
}

/** The loss a training step differentiates: the model's first result, a scalar f32. */
export function checkTrainable(m: Module): void {
  const loss = m.outputs[0];
  if (!loss || loss.type.dims.length !== 0 || loss.type.dtype !== 'f32') {
    const dims = loss?.type.dims.map((d) => d.name).join(', ');
    const got = loss ? `${loss.type.dtype}[${dims}] '${loss.name}'` : 'no result';
    throw new ExportError(
      `--train differentiates the model's first result, which must be the scalar f32 loss; got ${got}`);
  }
  if (m.params.length === 0) throw new ExportError('--train needs at least one param to train');
  if (m.params.some((p) => p.type.dtype !== 'f32' && p.type.dtype !== 'bf16')) {
    throw new ExportError('--train needs every param to be f32 or bf16 (integer params take no gradient)');
  }
}

/** Per parameter, per optimizer slot, the PartitionSpec of that state tensor (its dims matched by name). */
function slotSpecs(m: Module, o: Optimizer, placement: StatePlacement): string[] {
  const data = dataAxes(m);
  return m.params.map((p) => {
    const shape = p.type.dims.map((d) => d.size);
    const s = stateSharding(shape, must(p.sharding, 'a param is sharded'), m.mesh, placement, data);
    const spec = partitionSpec(s, m.mesh);
    const names = p.type.dims.map((d) => d.name);
    const slots = o.perParam(p).map(({ name, type }) =>
      `${JSON.stringify(name)}: ${partitionSpecPython(type.dims.map((d) => spec[names.indexOf(d.name)] ?? []))}`);
    const state = partitionSpecPython(spec);
    return `    ${JSON.stringify(p.name)}: (${state}, {${slots.join(', ')}}),`;
  });
}

export function exportJaxTrain(m: Module, options: JaxTrainOptions): string {
  checkTrainable(m);
  const { fnName, prelude } = jaxModel(m, options);
  const o = options.optimizer;
  const slots = [...new Set(m.params.flatMap((p) => o.perParam(p).map((s) => s.name)))];
  const zero = options.statePlacement === 'data';
  const lines = [
    '#!/usr/bin/env python3',
    `"""${m.name}${options.source ? ` from ${options.source}` : ''}, exported by gshard as a JAX training step.`,
    '',
    `train_step(params, opt_state, inputs) -> (loss, params, opt_state): jax.value_and_grad of the model's`,
    `first result (the loss) with respect to its params, then ${o.name} as gshard applies it. Mesh`,
    `${meshToString(m.mesh)}; params, inputs and optimizer state are pinned to gshard's shardings`,
    zero ? '(optimizer state split over the data axes as ZeRO does: the gradient reduction is a reduce-scatter).'
      : '(optimizer state sharded like its parameter).',
    '',
    `    python3 ${m.name}_train.py --data DIR --out OUT [--steps N] [--dump-hlo FILE]`,
    '',
    'DIR holds the inputs/ and params/ .npy files `gshard train --save DIR` (or `run --save`) writes. OUT',
    'gets grads/ (at the initial params), final/ (params after N steps), optimizer/ (PARAM.SLOT.npy) and',
    `losses.json. On CPU: XLA_FLAGS=--xla_force_host_platform_device_count=${m.mesh.deviceIds.length}.`
      + ' Written for jax==0.10.2.',
    '"""',
    ...prelude,
    `# Optimizer: ${o.doc}.`,
    '# The same update as gshard\'s training program (compiler/src/train/), op for op.',
    ...o.jax,
    '',
    '',
    `INPUT_NAMES = [name for name, _, _, _ in ARGUMENTS[:${m.inputs.length}]]`,
    `PARAM_NAMES = [name for name, _, _, _ in ARGUMENTS[${m.inputs.length}:]]`,
    `STATE_SLOTS = ${JSON.stringify(slots).replace(/,/g, ', ')}`,
    '# Per param: the sharding of its optimizer state (its own, or split over the data axes), per slot.',
    'STATE_SPECS = {',
    ...slotSpecs(m, o, options.statePlacement),
    '}',
    '',
    '',
    'def make_train_step(mesh):',
    '    specs = {name: spec for name, _, _, spec in ARGUMENTS}',
    '',
    '    def loss_fn(params, inputs):',
    `        return ${fnName}(mesh, *[inputs[k] for k in INPUT_NAMES], *[params[k] for k in PARAM_NAMES])[0]`,
    '',
    '    def place(k, x):',
    '        return jax.lax.with_sharding_constraint(x, NamedSharding(mesh, STATE_SPECS[k][0]))',
    '',
    '    def place_slot(k, slot, x):',
    '        return jax.lax.with_sharding_constraint(x, NamedSharding(mesh, STATE_SPECS[k][1][slot]))',
    '',
    '    def train_step(params, opt_state, inputs):',
    '        loss, grads = jax.value_and_grad(loss_fn)(params, inputs)',
    '        new_params, opt_state = apply_updates(params, grads, opt_state, place, place_slot)',
    '        new_params = {k: jax.lax.with_sharding_constraint(p, NamedSharding(mesh, specs[k]))',
    '                      for k, p in new_params.items()}',
    '        return loss, new_params, opt_state',
    '',
    '    return loss_fn, train_step',
    '',
    '',
    'def state_shardings(mesh):',
    '    out = {"step": NamedSharding(mesh, P())}',
    '    for slot in STATE_SLOTS:',
    '        out[slot] = {k: NamedSharding(mesh, STATE_SPECS[k][1][slot])',
    '                     for k in PARAM_NAMES if slot in STATE_SPECS[k][1]}',
    '    return out',
    '',
    '',
    'def save_tree(directory, tree):',
    '    directory.mkdir(parents=True, exist_ok=True)',
    '    for name, value in tree.items():',
    '        np.save(directory / f"{name}.npy", np.asarray(value).astype(np.float32))',
    '',
    '',
    'def main():',
    '    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)',
    '    parser.add_argument("--data", required=True, help="directory with the input and param .npy files")',
    '    parser.add_argument("--out", required=True, help="directory to write grads/, final/, optimizer/ into")',
    '    parser.add_argument("--steps", type=int, default=1, help="training steps to run (default 1)")',
    '    parser.add_argument("--dump-hlo", help="also write the compiled (partitioned) training step HLO here")',
    '    args = parser.parse_args()',
    '    mesh = make_mesh()',
    '    table = {name: (dtype, shape, NamedSharding(mesh, spec)) for name, dtype, shape, spec in ARGUMENTS}',
    '    put = lambda k: jax.device_put(load_array(args.data, k, table[k][0], table[k][1]), table[k][2])',
    '    inputs = {k: put(k) for k in INPUT_NAMES}',
    '    params = {k: put(k) for k in PARAM_NAMES}',
    '    input_sh = {k: table[k][2] for k in INPUT_NAMES}',
    '    param_sh = {k: table[k][2] for k in PARAM_NAMES}',
    '    state_sh = state_shardings(mesh)',
    '    scalar = NamedSharding(mesh, P())',
    '    loss_fn, train_step = make_train_step(mesh)',
    '    grad_fn = jax.jit(jax.value_and_grad(loss_fn), in_shardings=(param_sh, input_sh),',
    '                      out_shardings=(scalar, param_sh))',
    '    _, grads = grad_fn(params, inputs)',
    '    out = Path(args.out)',
    '    save_tree(out / "grads", grads)',
    '    opt_state = jax.jit(init_opt_state, in_shardings=(param_sh,), out_shardings=state_sh)(params)',
    '    step = jax.jit(train_step, in_shardings=(param_sh, state_sh, input_sh),',
    '                   out_shardings=(scalar, param_sh, state_sh))',
    '    if args.dump_hlo:',
    '        Path(args.dump_hlo).write_text(step.lower(params, opt_state, inputs).compile().as_text())',
    '    losses = []',
    '    for i in range(args.steps):',
    '        loss, params, opt_state = step(params, opt_state, inputs)',
    '        losses.append(float(loss))',
    '        print(f"step {i + 1}: loss {losses[-1]:.6f}")',
    '    save_tree(out / "final", params)',
    '    save_tree(out / "optimizer", {f"{k}.{slot}": x for slot in STATE_SLOTS for k, x in opt_state[slot].items()})',
    '    (out / "losses.json").write_text(json.dumps(losses) + "\\n")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ];
  return lines.join('\n').replace('import argparse\n', 'import argparse\nimport json\n');
}
