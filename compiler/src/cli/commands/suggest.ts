// `gshard suggest FILE [--mesh SPEC] [--train] [--hbm 16GiB] [--top 3] [--json] [--apply N]`: the best few
// annotation plans by the cost model, as source diffs, and why the first wins; --apply writes plan N to FILE.

import { parseArgs, flagString, flagStrings, UsageError } from '../args.js';
import type { CliIO } from '../io.js';
import { hasErrors, jsonDiagnostics, printDiagnostics, runFile } from '../load.js';
import { parseDimOptions, parseMeshOption } from '../mesh-option.js';
import { PIPELINE_BOOLEANS, PIPELINE_USAGE, PIPELINE_VALUED } from '../pipeline-flags.js';
import { must } from '../../util/checked.js';
import { suggest, type Suggestion, type SuggestedPlan } from '../../suggest/suggest.js';
import { formatSeconds } from '../../suggest/why.js';
import { formatBytes } from '../../diag/format.js';
import { parseBytes } from '../../suggest/bytes.js';

const GIB = 2 ** 30;

export const SUGGEST_USAGE = 'gshard suggest FILE [--mesh SPEC] [--train] [--hbm 16GiB] [--top N] [--json] [--apply N]'
  + ` [--beam W] [--entry MODEL] ${PIPELINE_USAGE}`;

function intFlag(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`--${name} expects a whole number of at least ${min}, not '${value}'`);
  }
  return Number(value);
}

function planLine(p: SuggestedPlan, i: number, s: Suggestion): string {
  const cur = s.current;
  const faster = cur?.ok && p.stepSeconds > 0
    ? ` (${(cur.stepSeconds / p.stepSeconds).toFixed(2)}x the file's speed)` : '';
  return `plan ${i + 1}: ${formatSeconds(p.stepSeconds)} per step${faster}, ${formatBytes(p.hbmBytesPerDevice)}`
    + ` per core${p.remat ? ' (with remat)' : ''}, ${p.collectives} collectives, ${p.annotations.length} annotation`
    + `${p.annotations.length === 1 ? '' : 's'} changed`;
}

function textReport(file: string, s: Suggestion, hbm: number, train: boolean): string {
  const out: string[] = [];
  const cur = s.current;
  out.push(`suggest ${file}: ${train ? 'training step' : 'forward pass'}; ${s.sites.length} annotation sites, `
    + `${s.search.spaceSize} plans in the space, ${s.search.mode} search priced ${s.search.priced} `
    + `(${s.search.compiled} compiled) in ${s.search.seconds.toFixed(1)} s`);
  if (cur?.ok) {
    out.push(`the file as written: ${formatSeconds(cur.stepSeconds)} per step, `
      + `${formatBytes(cur.hbmBytesPerDevice)} per core, ${cur.collectives.length} collectives`
      + `${cur.fits ? '' : ' (does not fit)'}`);
  }
  out.push('');
  if (s.plans.length === 0) out.push(`no plan fits in ${formatBytes(hbm)} per core`);
  s.plans.forEach((p, i) => {
    out.push(planLine(p, i, s));
    out.push(p.diff ? p.diff.trimEnd() : '  (the file already says this)');
    out.push('');
  });
  if (s.why.length > 0) out.push(`why plan 1: ${s.why[0]}`, ...s.why.slice(1).map((w) => `  ${w}`), '');
  for (const x of s.excluded) {
    const what = x.annotations.length === 0 ? 'the file as written'
      : x.annotations.map((a) => `${a.name} ${a.sharding ?? 'no annotation'}`).join(', ');
    out.push(`excluded (needs ${formatBytes(x.hbmBytesPerDevice)} per core, over ${formatBytes(hbm)}): ${what}`);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function suggestCommand(argv: readonly string[], io: CliIO): number {
  const args = parseArgs(argv, ['mesh', 'entry', 'hbm', 'top', 'apply', 'beam', ...PIPELINE_VALUED],
    ['train', 'json', ...PIPELINE_BOOLEANS]);
  if (args.positionals.length !== 1) {
    throw new UsageError(`${args.positionals.length < 1 ? 'missing' : 'too many'} arguments`);
  }
  const file = must(args.positionals[0], 'the length was checked above');
  const hbmText = flagString(args, 'hbm');
  const hbm = hbmText === undefined ? 16 * GIB : parseBytes(hbmText);
  if (hbm === undefined) throw new UsageError(`--hbm expects a size like 16GiB or 512MiB, not '${hbmText}'`);
  const top = intFlag(flagString(args, 'top'), 'top', 3, 1);
  const beam = intFlag(flagString(args, 'beam'), 'beam', 4, 1);
  const applyText = flagString(args, 'apply');
  const apply = applyText === undefined ? undefined : intFlag(applyText, 'apply', 1, 1);
  const meshText = flagString(args, 'mesh');
  const mesh = meshText ? parseMeshOption(meshText) : undefined;
  const dims = parseDimOptions(flagStrings(args, 'dim'));
  const entry = flagString(args, 'entry');
  const json = args.flags.has('json');
  const ran = runFile(io, file, args, 'lower');
  if (!ran) return 1;
  if (hasErrors(ran.pipeline.diagnostics) || !ran.pipeline.global) {
    const diagnostics = jsonDiagnostics(ran.loaded, ran.pipeline.diagnostics);
    if (json) io.out(`${JSON.stringify({ diagnostics }, null, 2)}\n`);
    else printDiagnostics(io, ran.loaded, ran.pipeline.diagnostics);
    if (!ran.pipeline.global && !hasErrors(ran.pipeline.diagnostics)) {
      io.err(`${file}: the file has no model to suggest for\n`);
    }
    return 1;
  }
  const train = args.flags.has('train');
  const s = suggest(ran.loaded.source, {
    train, hbmBytes: hbm, top: Math.max(top, apply ?? 0), beam, file,
    ...(mesh ? { mesh } : {}), ...(dims.size ? { dims } : {}), ...(entry ? { entry } : {}),
  });
  if (s.error) {
    io.err(`${file}: ${s.error}\n`);
    return 1;
  }
  if (apply !== undefined) {
    const plan = s.plans[apply - 1];
    if (!plan) {
      io.err(`${file}: --apply ${apply}: only ${s.plans.length} plan${s.plans.length === 1 ? '' : 's'} fit\n`);
      return 1;
    }
    io.writeFile(file, plan.text);
  }
  if (json) {
    const plans = s.plans.slice(0, top).map((p) => ({
      stepSeconds: p.stepSeconds, hbmBytesPerDevice: p.hbmBytesPerDevice, remat: p.remat, collectives: p.collectives,
      annotations: p.annotations, diff: p.diff,
    }));
    const excluded = s.excluded.map((p) => ({
      stepSeconds: p.stepSeconds, hbmBytesPerDevice: p.hbmBytesPerDevice, annotations: p.annotations,
    }));
    const current = s.current?.ok
      ? { stepSeconds: s.current.stepSeconds, hbmBytesPerDevice: s.current.hbmBytesPerDevice,
        collectives: s.current.collectives.length } : null;
    io.out(`${JSON.stringify({ plans, excluded, current, why: s.why, search: s.search, sites: s.sites,
      ...(apply !== undefined ? { applied: apply } : {}) }, null, 2)}\n`);
  } else {
    io.out(textReport(file, { ...s, plans: s.plans.slice(0, top) }, hbm, train));
    if (apply !== undefined) io.out(`wrote plan ${apply} to ${file}\n`);
  }
  return 0;
}
