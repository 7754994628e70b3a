// `suggest`: find annotations for a model's params and inputs by the cost model. Sites and their candidate
// choices, memory pruning, the search on a one-instance-per-repeat copy of the file, then the finalists
// reduced to the annotations they need and costed on the file as written.

import { parse } from '@gshard/grammar';
import type { Module } from '../ir/module.js';
import { runPipeline } from '../passes/run-pipeline.js';
import { type Choice, candidateChoices, choiceBytes, choiceKey, choiceText, isReplicated } from './choices.js';
import { type EvalOptions, type Evaluation, Evaluator } from './evaluate.js';
import { blockedDims } from './factor-facts.js';
import { applyEdits, type Edit, lineDiff, repeatCuts, siteEdit } from './rewrite.js';
import { comparePlans, type Plan, type Scored, searchSpace, type SearchSpace } from './search.js';
import { type BoundSite, bindSites, findSites } from './sites.js';
import { evaluationDeltas, planDifference } from './why.js';

export interface SuggestOptions extends EvalOptions {
  /** Plans to return (default 3). */
  readonly top?: number;
  /** Beam width (default 4). */
  readonly beam?: number;
  /** Search exhaustively when the space has at most this many plans (default 32). */
  readonly exhaustiveLimit?: number;
  /** The file name shown in diffs. */
  readonly file?: string;
  /** Checked between pricings: true stops the search (an editor's newer text). */
  readonly cancelled?: () => boolean;
}

export interface PlanAnnotation {
  /** The site: `layer.param` or `model.input`. */
  readonly name: string;
  /** The annotation written (`[x, _, _]`), or null where the plan removes one. */
  readonly sharding: string | null;
}

export interface SuggestedPlan {
  readonly stepSeconds: number;
  readonly hbmBytesPerDevice: number;
  readonly remat: boolean;
  readonly collectives: number;
  readonly annotations: readonly PlanAnnotation[];
  readonly edits: readonly Edit[];
  readonly diff: string;
  readonly text: string;
  readonly plan: Plan;
  /** Per site, the annotation in force in the plan's text (`[x, _]`, or `none`). */
  readonly effective: ReadonlyMap<string, string>;
  readonly evaluation: Evaluation;
}

export interface SiteSummary {
  readonly name: string;
  readonly choices: readonly string[];
  readonly pruned: number;
}

export interface Suggestion {
  readonly plans: readonly SuggestedPlan[];
  /** Finalists that do not fit in HBM (excluded from `plans`). */
  readonly excluded: readonly SuggestedPlan[];
  /** The file as written. */
  readonly current?: Evaluation;
  /** Why plan 1 wins: against plan 2, or the file as written when it is the only one. */
  readonly why: readonly string[];
  readonly sites: readonly SiteSummary[];
  readonly search: {
    readonly mode: 'exhaustive' | 'beam';
    readonly spaceSize: number;
    readonly priced: number;
    readonly compiled: number;
    readonly seconds: number;
  };
  readonly cancelled?: boolean;
  /** Set when the file itself does not compile: nothing was searched. */
  readonly error?: string;
}

export class SuggestCancelled extends Error {}

function firstUse(site: BoundSite, module: Module): number {
  if (site.kind === 'input') return -1;
  const ids = new Set(site.values.map((v) => v.id));
  const i = module.ops.findIndex((op) => op.operands.some((v) => ids.has(v.id)));
  return i < 0 ? module.ops.length : i;
}

/**
 * Choices per site, pruned by memory: a choice goes when the params alone cannot fit with it (its bytes, plus the
 * least every other site needs, x2 in training for the gradient, over the HBM budget).
 */
function siteChoices(sites: readonly BoundSite[], module: Module, options: SuggestOptions): {
  choices: Map<string, Choice[]>; summaries: SiteSummary[];
} {
  const hbm = options.hbmBytes ?? 16 * 2 ** 30;
  const factor = options.train ? 2 : 1;
  const all = sites.map((s) => {
    const cs = candidateChoices(s.sizes, module.mesh, blockedDims(s, module));
    const bytes = cs.map((c) => choiceBytes(s.sizes, s.dtypeBytes, c, module.mesh) * s.values.length
      * (s.kind === 'param' ? factor : 1));
    return { s, cs, bytes, least: Math.min(...bytes) };
  });
  const leastTotal = all.reduce((n, x) => n + x.least, 0);
  const choices = new Map<string, Choice[]>();
  const summaries: SiteSummary[] = [];
  for (const { s, cs, bytes, least } of all) {
    const kept = cs.filter((_, i) => leastTotal - least + (bytes[i] ?? 0) <= hbm);
    // Nothing fits: keep the smallest, so the plans shown say how far over they are.
    const smallest = cs.filter((_, i) => bytes[i] === least).slice(0, 1);
    const use = kept.length > 0 ? kept : smallest;
    choices.set(s.key, use);
    summaries.push({ name: s.key, choices: use.map(choiceText), pruned: cs.length - use.length });
  }
  return { choices, summaries };
}

export interface SearchProblem {
  readonly sites: readonly BoundSite[];
  readonly summaries: readonly SiteSummary[];
  readonly space: SearchSpace;
  /** The price the search ranks by: the plan (sites in `keep` as the file has them), every `repeat` cut to 1. */
  readonly rank: (plan: Plan, keep?: ReadonlySet<string>) => Evaluation;
  readonly textFor: (plan: Plan, keep: ReadonlySet<string>, base: readonly Edit[]) => string;
  readonly evaluator: Evaluator;
  readonly onMesh: SuggestOptions;
}

/** The sites, their choices and the price of a plan for `text`; an error when the file does not compile. */
export function searchProblem(text: string, options: SuggestOptions): SearchProblem | { error: string } {
  const parsed = parse(text);
  if (parsed.diagnostics.length > 0) return { error: 'the file has syntax errors; fix them first (gshard check)' };
  const lowered = runPipeline(text, {
    upTo: 'lower', ...(options.mesh ? { mesh: options.mesh } : {}), ...(options.dims ? { dims: options.dims } : {}),
    ...(options.entry ? { entry: options.entry } : {}),
  });
  const loweringError = lowered.diagnostics.find((d) => d.severity === 'error');
  const module = lowered.global;
  if (loweringError || !module) return { error: `the file does not compile: ${loweringError?.message ?? 'no model'}` };

  const sites = bindSites(findSites(parsed.program, text), module)
    .map((s) => ({ s, at: firstUse(s, module) })).sort((a, b) => a.at - b.at).map((x) => x.s);
  const { choices, summaries } = siteChoices(sites, module, options);
  // Every variant compiles on this one Mesh object, so the cost model's per-mesh route caches are shared.
  const onMesh: SuggestOptions = { ...options, mesh: module.mesh };
  const evaluator = new Evaluator(onMesh);
  const cuts = repeatCuts(parsed.program);
  const textFor = (plan: Plan, keep: ReadonlySet<string>, base: readonly Edit[]): string => {
    const edits: Edit[] = [...base];
    for (const s of sites) {
      if (keep.has(s.key)) continue;
      const e = siteEdit(s, plan.get(s.key) ?? null);
      if (e) edits.push(e);
    }
    return applyEdits(text, edits);
  };
  const rank = (plan: Plan, keep: ReadonlySet<string> = new Set()): Evaluation => {
    if (options.cancelled?.()) throw new SuggestCancelled();
    return evaluator.evaluate(textFor(plan, keep, cuts));
  };
  const space: SearchSpace = { sites: sites.map((s) => s.key), choices };
  return { sites, summaries, space, rank, textFor, evaluator, onMesh };
}

export function suggest(text: string, options: SuggestOptions): Suggestion {
  const t0 = performance.now();
  const file = options.file ?? 'model.gshard';
  const none = (error: string): Suggestion => ({
    plans: [], excluded: [], why: [], sites: [], error,
    search: { mode: 'exhaustive', spaceSize: 0, priced: 0, compiled: 0, seconds: 0 },
  });
  const problem = searchProblem(text, options);
  if ('error' in problem) return none(problem.error);
  const { sites, summaries, space, rank, textFor, evaluator, onMesh } = problem;
  let result;
  try {
    result = searchSpace(space, (p) => rank(p), options.beam ?? 4, options.exhaustiveLimit ?? 32);
  } catch (e) {
    if (e instanceof SuggestCancelled) return { ...none('cancelled'), cancelled: true };
    throw e;
  }
  const top = options.top ?? 3;
  const full = new Evaluator(onMesh);
  const finalize = (plan: Plan, keep: ReadonlySet<string>): SuggestedPlan | undefined => {
    const planText = textFor(plan, keep, []);
    const evaluation = full.evaluate(planText);
    if (!evaluation.ok) return undefined;
    const changed = sites.filter((s) => !keep.has(s.key) && siteEdit(s, plan.get(s.key) ?? null));
    const annotations = changed.map((s) => {
      const c = plan.get(s.key);
      return { name: s.key, sharding: c ? choiceText(c) : null };
    });
    return {
      stepSeconds: evaluation.stepSeconds, hbmBytesPerDevice: evaluation.hbmBytesPerDevice, remat: evaluation.remat,
      collectives: evaluation.collectives.length, annotations,
      edits: changed.flatMap((s) => siteEdit(s, plan.get(s.key) ?? null) ?? []),
      diff: lineDiff(file, text, planText), text: planText, plan: annotations.length ? plan : new Map(), evaluation,
      effective: new Map(sites.map((s) => {
        const c = keep.has(s.key) ? s.written ?? (s.annotation ? undefined : null) : plan.get(s.key) ?? null;
        return [s.key, c === undefined ? s.annotation?.text ?? 'none' : c === null ? 'none' : choiceText(c)];
      })),
    };
  };
  // The finalists: the search's best (each reduced to the annotations it needs), costed on the file as written,
  // and the file's own annotations, so that a plan is suggested only when the cost model rates it better.
  const finalists: SuggestedPlan[] = [];
  for (const scored of result.ranked.slice(0, top + 1)) {
    if (!scored.evaluation.ok) continue;
    const f = finalize(scored.plan, minimalKeep(scored, sites, rank, finalists.length === 0));
    if (f) finalists.push(f);
  }
  const asWritten = finalize(new Map(), new Set(sites.map((s) => s.key)));
  if (asWritten && !finalists.some((f) => f.text === asWritten.text)) finalists.push(asWritten);
  const seen = new Set<string>();
  const sorted = finalists.map((p) => ({ p, s: { plan: p.plan, evaluation: p.evaluation } }))
    .sort((a, b) => comparePlans(a.s, b.s)).map((x) => x.p)
    .filter((p) => !seen.has(p.evaluation.signature) && seen.add(p.evaluation.signature));
  const fitting = sorted.filter((p) => p.evaluation.fits);
  const excluded = sorted.filter((p) => !p.evaluation.fits);
  const plans = fitting.slice(0, top);
  const current = full.evaluate(text);
  const why = whyWins(plans, current);
  return {
    plans, excluded, current, why, sites: summaries,
    search: {
      mode: result.mode, spaceSize: result.spaceSize, priced: result.priced,
      compiled: evaluator.evaluations + full.evaluations, seconds: (performance.now() - t0) / 1000,
    },
  };
}

/**
 * The sites a plan can leave as the file has them and still give the same program: first every replicated choice
 * at once, then (for the winner) each remaining site alone. Fewer annotations, the same step.
 */
function minimalKeep(scored: Scored, sites: readonly BoundSite[],
  rank: (p: Plan, keep: ReadonlySet<string>) => Evaluation, oneByOne: boolean): Set<string> {
  const same = (keep: ReadonlySet<string>) => rank(scored.plan, keep).signature === scored.evaluation.signature;
  const unchanged = new Set(sites.filter((s) => {
    const c = scored.plan.get(s.key);
    return !siteEdit(s, c ?? null) || (c && s.written && choiceKey(c) === choiceKey(s.written));
  }).map((s) => s.key));
  let keep = new Set(unchanged);
  const replicated = sites.filter((s) => !keep.has(s.key) && isReplicated(scored.plan.get(s.key) ?? []));
  if (replicated.length > 0) {
    const trial = new Set([...keep, ...replicated.map((s) => s.key)]);
    if (same(trial)) keep = trial;
  }
  if (!oneByOne) return keep;
  for (const s of sites) {
    if (keep.has(s.key)) continue;
    const trial = new Set([...keep, s.key]);
    if (same(trial)) keep = trial;
  }
  return keep;
}

function whyWins(plans: readonly SuggestedPlan[], current: Evaluation): string[] {
  const [best, second] = plans;
  if (!best) return [];
  if (second) {
    const diff = planDifference(best.effective, second.effective);
    const head = `plan 1 against plan 2${diff.length ? ` (${diff.slice(0, 3).join('; ')})` : ''}`;
    return [head, ...evaluationDeltas(best.evaluation, second.evaluation)];
  }
  if (!current.ok) return [];
  return ['plan 1 against the file as written', ...evaluationDeltas(best.evaluation, current)];
}
