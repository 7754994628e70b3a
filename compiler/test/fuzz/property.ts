// The fuzz property for one input text: every stage returns diagnostics or a result, never throws,
// every diagnostic is well formed, every module verifies, the printed IR and AST round-trip.

import { parse, print, type Diagnostic } from '@gshard/grammar';
import { analyze } from '../../src/analysis.js';
import { verifyModule } from '../../src/ops/verify.js';
import { printModule } from '../../src/ir/printer.js';
import { parseModuleText } from '../../src/ir/text-parser.js';
import { renderDiagnostic } from '../../src/diag/render.js';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIO } from '../../src/cli/io.js';
import type { Module } from '../../src/ir/module.js';

export interface Failure {
  /** Which stage broke: parse, print, analyze, verify, ir-roundtrip, render, cost, cli, time. */
  readonly stage: string;
  /** throw | internal-error | bad-diagnostic | unverified | exit-code | slow | roundtrip */
  readonly kind: string;
  readonly message: string;
  readonly stack?: string;
}

export interface CheckResult {
  readonly failures: Failure[];
  readonly ms: number;
  /** True when the frontend produced a module (the input reached the later stages). */
  readonly compiled: boolean;
  /** Error diagnostics of the frontend (for generator sanity statistics). */
  readonly errors: number;
}

export interface CheckOptions {
  /** An input taking longer than this is a failure (a generous correctness bound, not a speed test). */
  readonly budgetMs?: number;
  /** Also run the CLI (`check`, `compile --json`) on the text through an in-memory IO. */
  readonly cli?: boolean;
  /** Cost stage, when the compiler has one (loaded by loadOptionalStages). */
  readonly cost?: ((m: Module) => unknown) | undefined;
}

export const DEFAULT_BUDGET_MS = 5000;

const SEVERITIES = new Set(['error', 'warning', 'info']);

/**
 * Line starts with the same convention as the grammar (`\n`, `\r\n`, lone `\r`), recomputed here
 * independently so a wrong span in any stage shows up.
 */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionProblem(text: string, starts: number[], p: unknown, what: string): string | undefined {
  const pos = p as { offset?: unknown; line?: unknown; col?: unknown } | undefined;
  if (!pos || typeof pos.offset !== 'number' || typeof pos.line !== 'number' || typeof pos.col !== 'number') return `${what} is not a position: ${JSON.stringify(p)}`;
  const { offset, line, col } = pos as { offset: number; line: number; col: number };
  if (!Number.isInteger(offset) || offset < 0 || offset > text.length) return `${what}.offset ${offset} is outside [0, ${text.length}]`;
  if (!Number.isInteger(line) || line < 1 || line > starts.length + 1) return `${what}.line ${line} is outside [1, ${starts.length + 1}]`;
  if (!Number.isInteger(col) || col < 1) return `${what}.col ${col} is not >= 1`;
  // The position must agree with its own offset (an editor trusts line/col, the CLI the offset).
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Offsets that sit between '\r' and '\n' belong to the line of the '\r'.
  if (line !== lo + 1 || col !== offset - starts[lo]! + 1) {
    return `${what} says ${line}:${col} but offset ${offset} is at ${lo + 1}:${offset - starts[lo]! + 1}`;
  }
  return undefined;
}

function spanProblem(text: string, starts: number[], span: unknown, what: string): string | undefined {
  const s = span as { start?: unknown; end?: unknown } | undefined;
  if (!s || typeof s !== 'object') return `${what} is missing`;
  const a = positionProblem(text, starts, s.start, `${what}.start`) ?? positionProblem(text, starts, s.end, `${what}.end`);
  if (a) return a;
  const start = s.start as { offset: number };
  const end = s.end as { offset: number };
  return end.offset < start.offset ? `${what} ends (${end.offset}) before it starts (${start.offset})` : undefined;
}

/** Problems with one diagnostic against the text it is about (empty when it is well formed). */
export function diagnosticProblems(text: string, d: Diagnostic, starts: number[] = lineStarts(text)): string[] {
  const out: string[] = [];
  const tag = `[${String(d?.code)}] ${String(d?.message).slice(0, 80)}`;
  if (typeof d.code !== 'string' || !/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(d.code)) out.push(`${tag}: code ${JSON.stringify(d.code)} is not kebab-case`);
  if (typeof d.message !== 'string' || d.message.trim() === '') out.push(`${tag}: empty message`);
  if (!SEVERITIES.has(d.severity)) out.push(`${tag}: severity ${JSON.stringify(d.severity)}`);
  const sp = spanProblem(text, starts, d.span, 'span');
  if (sp) out.push(`${tag}: ${sp}`);
  for (const [i, r] of (d.related ?? []).entries()) {
    if (typeof r.message !== 'string' || r.message === '') out.push(`${tag}: related[${i}] has no message`);
    const rp = spanProblem(text, starts, r.span, `related[${i}].span`);
    if (rp) out.push(`${tag}: ${rp}`);
  }
  for (const [i, e] of (d.fix?.edits ?? []).entries()) {
    const ep = spanProblem(text, starts, e.span, `fix.edits[${i}].span`);
    if (ep) out.push(`${tag}: ${ep}`);
  }
  return out;
}

function thrown(stage: string, e: unknown): Failure {
  const err = e instanceof Error ? e : new Error(String(e));
  return { stage, kind: 'throw', message: `${err.name}: ${err.message}`, ...(err.stack ? { stack: err.stack } : {}) };
}

function memoryIO(text: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout, stderr, color: false,
    out: (t) => void stdout.push(t),
    err: (t) => void stderr.push(t),
    readFile: (p) => {
      if (p === 'fuzz.gshard') return text;
      throw Object.assign(new Error(`no file ${p}`), { code: 'ENOENT' });
    },
    writeFile: () => {},
    mkdir: () => {},
  };
}

/** Runs every stage on `text` and returns what broke. Never throws. */
export async function checkInput(text: string, options: CheckOptions = {}): Promise<CheckResult> {
  const budget = options.budgetMs ?? DEFAULT_BUDGET_MS;
  const failures: Failure[] = [];
  const starts = lineStarts(text);
  const t0 = performance.now();
  const checkDiagnostics = (stage: string, ds: readonly Diagnostic[]) => {
    for (const d of ds) {
      if (d.code === 'internal-error') failures.push({ stage, kind: 'internal-error', message: d.message });
      for (const p of diagnosticProblems(text, d, starts)) failures.push({ stage, kind: 'bad-diagnostic', message: p });
    }
  };
  const verify = (stage: string, m: Module | undefined) => {
    if (!m) return;
    const problems = verifyModule(m);
    if (problems.length > 0) failures.push({ stage, kind: 'unverified', message: problems.slice(0, 5).join('; ') });
  };

  // Grammar: parse, and for a clean parse, print is a fixpoint after one round.
  try {
    const parsed = parse(text);
    checkDiagnostics('parse', parsed.diagnostics);
    if (parsed.diagnostics.length === 0) {
      try {
        const once = print(parsed.program);
        const again = parse(once);
        if (again.diagnostics.length > 0) {
          failures.push({ stage: 'print', kind: 'roundtrip', message: `printed program does not parse: ${again.diagnostics[0]!.code} ${again.diagnostics[0]!.message}` });
        } else if (print(again.program) !== once) {
          failures.push({ stage: 'print', kind: 'roundtrip', message: 'print(parse(print(p))) differs from print(p)' });
        }
      } catch (e) {
        failures.push(thrown('print', e));
      }
    }
  } catch (e) {
    failures.push(thrown('parse', e));
  }

  // Compiler: every stage analyze() knows, then the module invariants.
  let compiled = false;
  let errors = 0;
  try {
    const a = analyze(text);
    checkDiagnostics('analyze', a.diagnostics);
    errors = a.diagnostics.filter((d) => d.severity === 'error').length;
    const module = a.front.module;
    compiled = module !== undefined;
    try {
      verify('verify:ir', module);
      verify('verify:sharded', a.sharded);
      verify('verify:spmd', a.spmd);
    } catch (e) {
      failures.push(thrown('verify', e));
    }
    if (module) {
      try {
        const printed = printModule(module);
        const back = parseModuleText(printed);
        if (back.error !== undefined) failures.push({ stage: 'ir-roundtrip', kind: 'roundtrip', message: `printed IR does not parse: ${back.error}` });
        else if (printModule(back.module) !== printed) failures.push({ stage: 'ir-roundtrip', kind: 'roundtrip', message: 'printModule(parseModuleText(printModule(m))) differs' });
      } catch (e) {
        failures.push(thrown('ir-roundtrip', e));
      }
    }
    try {
      for (const d of a.diagnostics.slice(0, 20)) renderDiagnostic('fuzz.gshard', text, d);
    } catch (e) {
      failures.push(thrown('render', e));
    }
    if (options.cost && (a.spmd ?? module)) {
      try {
        options.cost((a.spmd ?? module)!);
      } catch (e) {
        failures.push(thrown('cost', e));
      }
    }
  } catch (e) {
    failures.push(thrown('analyze', e));
  }

  // The CLI: exit 0 or 1 for any text; 3 is an internal error, 2 a usage error (never for a file).
  if (options.cli) {
    for (const argv of [['check', 'fuzz.gshard'], ['compile', 'fuzz.gshard', '--emit', 'ir', '--json']]) {
      const io = memoryIO(text);
      try {
        const code = await runCli(argv, io);
        if (code !== 0 && code !== 1) {
          failures.push({ stage: `cli ${argv[0]}`, kind: 'exit-code', message: `exit ${code}: ${io.stderr.join('').slice(0, 300)}` });
        } else if (argv.includes('--json')) {
          try {
            JSON.parse(io.stdout.join(''));
          } catch (e) {
            failures.push({ stage: `cli ${argv[0]}`, kind: 'bad-json', message: `--json output is not JSON: ${(e as Error).message}` });
          }
        }
      } catch (e) {
        failures.push(thrown(`cli ${argv[0]}`, e));
      }
    }
  }

  const ms = performance.now() - t0;
  if (ms > budget) failures.push({ stage: 'time', kind: 'slow', message: `took ${ms.toFixed(0)} ms, over the ${budget} ms bound for one input (${text.length} chars)` });
  return { failures, ms, compiled, errors };
}

/**
 * The cost stage is optional: it is loaded when the compiler has it, so this harness covers it as
 * soon as it lands without breaking the build before. The specifier is computed so tsc does not
 * resolve it.
 */
export async function loadOptionalStages(): Promise<{ cost?: (m: Module) => unknown }> {
  const specifier = ['..', '..', 'src', 'cost', 'cost.js'].join('/');
  try {
    const mod = (await import(specifier)) as { costModule?: (m: Module) => unknown };
    return mod.costModule ? { cost: (m) => mod.costModule!(m) } : {};
  } catch {
    return {};
  }
}

/** A short, stable signature of a failure, for deduplication: stage, kind, first message line, top frame. */
export function failureSignature(f: Failure): string {
  const frame = f.stack?.split('\n').find((l) => /^\s+at /.test(l))?.trim().replace(/:\d+:\d+\)?$/, '') ?? '';
  // Quoted text and numbers vary with the input, not with the bug.
  const msg = f.message.split('\n')[0]!.replace(/'[^']*'|"[^"]*"|%[^\s:]+/g, 'Q').replace(/\d+/g, 'N').slice(0, 120);
  return `${f.stage}|${f.kind}|${msg}|${frame}`;
}
