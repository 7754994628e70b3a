// What each command takes, for parsing and for `--help`: synopsis, arguments, options with their
// defaults, one example. Light on purpose: `gshard --help` loads this file and nothing heavy.

export interface OptionSpec {
  readonly name: string;
  /** The value's placeholder (`SPEC`); absent for a boolean flag. */
  readonly value?: string;
  readonly doc: string;
  /** What happens without the option, as the user sees it. */
  readonly default?: string;
  /** A one-letter form (`-o`). */
  readonly short?: string;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly synopsis: string;
  readonly args: readonly (readonly [string, string])[];
  readonly options: readonly OptionSpec[];
  readonly example: string;
}

const ENTRY: OptionSpec = { name: 'entry', value: 'MODEL', doc: 'the model to compile',
  default: 'the first model in the file' };
const MESH: OptionSpec = {
  name: 'mesh', value: 'SPEC',
    doc: 'use this mesh instead of the file\'s: x=8, data=2,model=4 or "tpu_v3 [x = 8] chips [2, 2]"',
  default: 'the mesh the model is declared on',
};
const JSON_OUT: OptionSpec = { name: 'json',
  doc: 'print one JSON object on stdout (with errors: {"diagnostics": [...]}, exit 1)' };
/** The flags of every command that runs the pipeline. */
const PIPELINE: readonly OptionSpec[] = [
  {
    name: 'dim', value: 'NAME=SIZE',
      doc: 'resize a declared dim (repeatable, or B=16,L=128); dims derived from it follow',
    default: 'the sizes in the file',
  },
  { name: 'verify-each', doc: 'run the IR verifier after every pass (a failure is a bug in gshard, exit 3)' },
  {
    name: 'dump-after', value: 'PASS',
    doc: 'print the IR after PASS on stdout (parse, lower, propagate, insert-reshards, reshards-to-collectives, '
      + 'localize; partition = localize)',
  },
  { name: 'timings', doc: 'print the time of each pass on stderr' },
];
const FILE: readonly [string, string] = ['FILE', 'a .gshard file'];
/** compile, explain and export: the training program instead of the forward one. */
const TRAIN_FLAGS: readonly OptionSpec[] = [
  { name: 'train', doc: 'the training step: forward + backward (autodiff) + optimizer update, as one program' },
  { name: 'optimizer', value: 'NAME', doc: 'with --train: sgd, adam or adafactor', default: 'sgd' },
  {
    name: 'lr', value: 'X', doc: 'with --train: the learning rate', default: '0.1 for sgd, 0.01 for adam and adafactor',
  },
  { name: 'shard-optimizer-state', doc: 'with --train: split gradients and optimizer state over the data axes (ZeRO)' },
];

/** train, compile --train, explain --train: which layers the backward pass recomputes. */
const REMAT_TRAIN: OptionSpec = {
  name: 'remat', value: 'none|marked|all', default: 'marked',
  doc: 'recompute layers in the backward pass: those the file marks remat, none, or every layer the model calls',
};

export const SPECS: readonly CommandSpec[] = [
  {
    name: 'check', summary: 'report every problem in the files', synopsis: 'gshard check FILE... [options]',
    args: [['FILE...', 'one or more .gshard files']],
    options: [JSON_OUT, ENTRY, ...PIPELINE],
    example: 'gshard check examples/*.gshard | grep error',
  },
  {
    name: 'compile', summary: 'print a stage of the pipeline', synopsis: 'gshard compile FILE [--emit STAGE] [options]',
      args: [FILE],
    options: [
      { name: 'emit', value: 'STAGE', doc: 'ast, ir (after lowering), sharded (after propagation) or spmd (per device)',
        default: 'ir' },
      JSON_OUT, MESH, ENTRY,
      { name: 'no-locations', doc: 'leave the loc(line:col) positions out of printed IR' },
      { name: 'all', doc: 'also show the temporaries builtins such as top2_gating make (--emit sharded)' },
      ...TRAIN_FLAGS, REMAT_TRAIN,
      ...PIPELINE,
    ],
    example: 'gshard compile examples/moe_layer.gshard --emit sharded',
  },
  {
    name: 'show', summary: 'draw the tiles of one tensor over the mesh', synopsis: 'gshard show FILE TENSOR [options]',
    args: [FILE, ['TENSOR', 'a name from the source, or a path into layer instances: pair[0].attention[1].logits']],
    options: [{ name: 'explain', doc: 'also print the annotations and ops its sharding came from' }, JSON_OUT, MESH,
      ENTRY, ...TRAIN_FLAGS.map((f) => (f.name === 'train'
        ? { ...f, doc: 'look in the training program; a param also shows its gradient: sharding, origin, reduction' }
        : f)), ...PIPELINE],
    example: 'gshard show examples/moe_layer.gshard expert_inputs --explain',
  },
  {
    name: 'explain', summary: 'list each collective and why it is there', synopsis: 'gshard explain FILE [options]',
      args: [FILE],
    options: [JSON_OUT, MESH, ENTRY, ...TRAIN_FLAGS, REMAT_TRAIN, ...PIPELINE],
    example: 'gshard explain examples/moe_layer.gshard',
  },
  {
    name: 'cost', summary: 'time and memory of a step on TPU-v3', synopsis: 'gshard cost FILE [options]', args: [FILE],
    options: [
      { name: 'train', doc: 'cost the training program: forward + backward (autodiff) + optimizer update, partitioned '
        + 'as one SPMD program and costed op by op; the model\'s first result must be the scalar loss',
        default: 'the forward pass' },
      { name: 'train-estimate', doc: 'estimate a training step from the forward program instead (backward = 1-2 '
        + 'forward passes per op, gradient all-reduces, Adafactor update); works without a loss; bench/paper.js '
        + 'shows it beside the training program' },
      {
        name: 'remat', value: 'MODE', default: 'auto with --train-estimate, marked with --train',
        doc: 'with --train-estimate: all rematerialises activations inside each layer; auto does so only when the step '
          + 'does not fit; with --train: marked (the default) follows the file\'s remat marks, none ignores them, all '
          + 'recomputes every layer',
      },
      JSON_OUT,
      { name: 'html', value: 'OUT', doc: 'write a page with charts to OUT instead of printing the table' },
      { name: 'optimizer', value: 'NAME', doc: 'with --train: the update the program applies (sgd, adam, adafactor)',
        default: 'sgd' },
      { name: 'shard-optimizer-state', doc: 'with --train: state and gradients split over data axes (ZeRO)' },
      MESH, ENTRY, ...PIPELINE,
    ],
    example: 'gshard cost examples/moe_decoder_lm.gshard --train',
  },
  {
    name: 'run', summary: 'run on a simulated mesh; compare with one device', synopsis: 'gshard run FILE [options]',
      args: [FILE],
    options: [
      MESH,
      { name: 'seed', value: 'N', doc: 'seed of the generated inputs and params', default: '0' },
      { name: 'inputs', value: 'DIR', doc: 'read inputs and params from DIR/<name>.npy instead of generating them' },
      { name: 'save', value: 'DIR', doc: 'write inputs, params, outputs and the reference as .npy under DIR' },
      JSON_OUT,
      { name: 'workers', value: 'N', doc: 'worker threads for the devices (0: all in this thread)',
        default: 'one per core for big models' },
      { name: 'profile', doc: 'print kernel time per op kind on the mesh and on the reference' },
      { name: 'train', doc: 'run training steps instead: gshard train (with its --steps, --lr, --optimizer)' },
      ENTRY, ...PIPELINE,
    ],
    example: 'gshard run examples/moe_layer.gshard --seed 1',
  },
  {
    name: 'train', summary: 'train on a simulated mesh; each step vs one device',
    synopsis: 'gshard train FILE [--steps N] [options]', args: [FILE],
    options: [
      { name: 'steps', value: 'N', doc: 'training steps to run', default: '1' },
      { name: 'optimizer', value: 'NAME', doc: 'the optimizer: sgd, adam or adafactor', default: 'sgd' },
      { name: 'lr', value: 'X', doc: 'the learning rate', default: '0.1 for sgd, 0.01 for adam and adafactor' },
      { name: 'shard-optimizer-state', doc: 'split gradients and optimizer state over the data axes (ZeRO)' },
      REMAT_TRAIN,
      MESH,
      { name: 'seed', value: 'N', doc: 'seed of the generated inputs and initial params', default: '0' },
      { name: 'inputs', value: 'DIR', doc: 'read inputs and params from DIR/<name>.npy instead of generating them' },
      { name: 'generate-missing', doc: 'with --inputs: generate what DIR lacks from the seed' },
      {
        name: 'save', value: 'DIR',
        doc: 'write inputs/, params/ (initial), grads/ (first step), final/, optimizer/, reference/ as .npy',
      },
      { name: 'force', doc: 'with --save: replace a non-empty directory' },
      JSON_OUT,
      {
        name: 'workers', value: 'N', doc: 'worker threads for the devices (0: all in this thread)',
        default: '0 for small models',
      },
      ENTRY, ...PIPELINE,
    ],
    example: 'gshard train examples/moe_decoder_lm.gshard --steps 20',
  },
  {
    name: 'export', summary: 'write StableHLO or a JAX script for XLA',
      synopsis: 'gshard export FILE --format FORMAT [options]', args: [FILE],
    options: [
      { name: 'format', value: 'FORMAT', doc: 'stablehlo or jax (required)' },
      { name: 'shardings', value: 'KIND', doc: 'with stablehlo: shardy or gspmd sharding attributes',
        default: 'shardy' },
      { name: 'output', short: 'o', value: 'OUT', doc: 'the file to write', default: 'stdout' },
      { name: 'manifest', value: 'OUT.json',
        doc: 'also write the inputs\', params\' and results\' names and shardings' },
      { name: 'precision', value: 'P', doc: 'highest or default: the precision of dots in the exported program',
        default: 'highest' },
      JSON_OUT, MESH, ENTRY, ...TRAIN_FLAGS, ...PIPELINE,
    ],
    example: 'gshard export examples/moe_layer.gshard --format stablehlo -o moe.mlir',
  },
  {
    name: 'suggest', summary: 'the best annotations by the cost model, as diffs',
    synopsis: 'gshard suggest FILE [options]', args: [FILE],
    options: [
      MESH,
      {
        name: 'train', doc: 'rank by a training step (forward, backward, gradient sync, optimizer)',
        default: 'the forward pass',
      },
      { name: 'hbm', value: 'SIZE', doc: 'HBM per core a plan must fit in (16GiB, 512MiB)', default: '16GiB (TPU-v3)' },
      { name: 'top', value: 'N', doc: 'how many plans to print', default: '3' },
      { name: 'beam', value: 'W', doc: 'beam width where the space is too big to search exhaustively', default: '4' },
      { name: 'apply', value: 'N', doc: 'rewrite FILE with plan N (only the annotations change)' },
      JSON_OUT, ENTRY, ...PIPELINE,
    ],
    example: 'gshard suggest examples/llama_block.gshard --mesh data=2,model=4',
  },
];

export const SPEC_BY_NAME: ReadonlyMap<string, CommandSpec> = new Map(SPECS.map((s) => [s.name, s]));

/** `gshard show --help`. */
export function commandHelp(spec: CommandSpec): string {
  const optionRows = [...spec.options, { name: 'help', short: 'h', doc: 'print this help' } as OptionSpec].map((o) => ({
    left: `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`,
    right: `${o.doc}${o.default ? ` (default: ${o.default})` : ''}`,
  }));
  const w = Math.max(...optionRows.map((r) => r.left.length), ...spec.args.map(([a]) => a.length + 2));
  return [
    `gshard ${spec.name}: ${spec.summary}`,
    '',
    `usage: ${spec.synopsis}`,
    '',
    ...spec.args.map(([a, d]) => `  ${a.padEnd(w)}  ${d}`),
    '',
    'options:',
    ...optionRows.map((r) => `  ${r.left.padEnd(w)}  ${r.right}`),
    '',
    'example:',
    `  ${spec.example}`,
    '',
  ].join('\n');
}

/** `gshard --help`. */
export function mainHelp(): string {
  const w = Math.max(...SPECS.map((s) => s.synopsis.length), 'gshard lsp --stdio'.length);
  return [
    'gshard: design, check and explain how giant models are sharded over TPU meshes',
    '',
    'usage: gshard <command> [options]',
    '',
    'commands:',
    ...SPECS.map((s) => `  ${s.synopsis.padEnd(w)}  ${s.summary}`),
    `  ${'gshard lsp --stdio'.padEnd(w)}  start the language server`,
    '',
    '`gshard <command> --help` describes a command; `gshard --version` prints the version.',
    '',
  ].join('\n');
}
