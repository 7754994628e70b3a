// The search over sites' choices: exhaustive enumeration where the product of choices is small (exact), else a
// beam over the sites in program order (plans that give the same SPMD program merged) followed by coordinate
// descent from its best. Pure given `price`.

import { type Choice, choiceKey } from './choices.js';
import type { Evaluation } from './evaluate.js';

/** Per site key, its choice; a site without one is left unannotated (propagation decides it). */
export type Plan = ReadonlyMap<string, Choice>;
export type Price = (plan: Plan) => Evaluation;

export interface Scored {
  readonly plan: Plan;
  readonly evaluation: Evaluation;
}

export interface SearchSpace {
  /** Site keys in program order (first use), each with its candidate choices (at least one). */
  readonly sites: readonly string[];
  readonly choices: ReadonlyMap<string, readonly Choice[]>;
}

export interface SearchResult {
  /** Distinct programs, best first. */
  readonly ranked: readonly Scored[];
  readonly mode: 'exhaustive' | 'beam';
  /** Distinct plans priced. */
  readonly priced: number;
  /** The size of the whole space (product of choice counts). */
  readonly spaceSize: number;
}

const splits = (p: Plan): number => [...p.values()].reduce((n, c) => n + c.filter((a) => a !== null).length, 0);

export function planKey(p: Plan): string {
  return [...p.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, c]) => `${k}=${choiceKey(c)}`)
    .join(' ');
}

/**
 * Best first: plans that compile, then those that fit in HBM, then shorter steps (equal within 1e-12 relative),
 * then fewer split dims (fewer annotations to read), then fewer collectives, then the plan's text (deterministic).
 */
export function comparePlans(a: Scored, b: Scored): number {
  const ea = a.evaluation;
  const eb = b.evaluation;
  if (ea.ok !== eb.ok) return ea.ok ? -1 : 1;
  if (ea.fits !== eb.fits) return ea.fits ? -1 : 1;
  const scale = Math.max(Math.abs(ea.stepSeconds), Math.abs(eb.stepSeconds), 1e-30);
  if (Math.abs(ea.stepSeconds - eb.stepSeconds) > 1e-12 * scale) return ea.stepSeconds - eb.stepSeconds;
  const s = splits(a.plan) - splits(b.plan);
  if (s !== 0) return s;
  const c = ea.collectives.length - eb.collectives.length;
  if (c !== 0) return c;
  const ka = planKey(a.plan);
  const kb = planKey(b.plan);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Keeps the best plan of each distinct program (equal propagated shardings are one program), best first. */
function distinct(scored: Scored[]): Scored[] {
  const sorted = [...scored].sort(comparePlans);
  const seen = new Set<string>();
  return sorted.filter((s) => {
    if (seen.has(s.evaluation.signature)) return false;
    seen.add(s.evaluation.signature);
    return true;
  });
}

export function spaceSize(space: SearchSpace): number {
  return space.sites.reduce((n, k) => n * (space.choices.get(k)?.length ?? 1), 1);
}

/** Every combination of choices (the reference the beam is tested against). */
export function bruteForce(space: SearchSpace, price: Price): SearchResult {
  const all: Scored[] = [];
  const plan = new Map<string, Choice>();
  const walk = (i: number): void => {
    const key = space.sites[i];
    if (key === undefined) {
      const fixed = new Map(plan);
      all.push({ plan: fixed, evaluation: price(fixed) });
      return;
    }
    for (const c of space.choices.get(key) ?? []) {
      plan.set(key, c);
      walk(i + 1);
    }
    plan.delete(key);
  };
  walk(0);
  return { ranked: distinct(all), mode: 'exhaustive', priced: all.length, spaceSize: spaceSize(space) };
}

/**
 * Beam search in program order: each step gives every kept plan each choice of the next site (sites with one
 * choice are set without pricing), prices them with the sites not yet decided left to propagation, merges
 * plans that give the same program and keeps the `width` best. Prices at most width x sum(choices) plans.
 */
export function beamSearch(space: SearchSpace, given: Price, width: number): SearchResult {
  const distinctPlans = new Set<string>();
  const price: Price = (p) => {
    distinctPlans.add(planKey(p));
    return given(p);
  };
  let beam: Scored[] = [];
  let pending: Map<string, Choice> = new Map();
  const start = new Map<string, Choice>();
  for (const key of space.sites) {
    const choices = space.choices.get(key) ?? [];
    const only = choices[0];
    if (choices.length === 1 && only) {
      pending.set(key, only);
      continue;
    }
    const parents: Plan[] = beam.length ? beam.map((s) => s.plan) : [start];
    const next: Scored[] = [];
    for (const parent of parents) {
      for (const c of choices) {
        const plan = new Map([...parent, ...pending, [key, c]]);
        next.push({ plan, evaluation: price(plan) });
      }
    }
    pending = new Map();
    beam = distinct(next).slice(0, Math.max(1, width));
  }
  if (pending.size > 0 || beam.length === 0) {
    const parents: Plan[] = beam.length ? beam.map((s) => s.plan) : [start];
    beam = distinct(parents.map((p) => {
      const plan = new Map([...p, ...pending]);
      return { plan, evaluation: price(plan) };
    }));
  }
  const improved = improve(space, price, beam[0], 3);
  return {
    ranked: distinct([...improved.found, ...beam]), mode: 'beam', priced: distinctPlans.size,
    spaceSize: spaceSize(space),
  };
}

/**
 * Coordinate descent from the beam's best: every other choice of every site, one site at a time; the best
 * change is taken and the round repeats (at most `rounds`). A beam decides sites in order with the later ones
 * left to propagation, so two choices that only pay together (w1 and w2 both split on H) can fall out of it;
 * one change from the beam's best puts them back. Prices at most rounds x sum(choices - 1) plans.
 */
function improve(space: SearchSpace, price: Price, start: Scored | undefined, rounds: number): { found: Scored[] } {
  if (!start) return { found: [] };
  let best = start;
  const found: Scored[] = [];
  for (let round = 0; round < rounds; round++) {
    let next = best;
    for (const key of space.sites) {
      for (const c of space.choices.get(key) ?? []) {
        if (best.plan.get(key) === c) continue;
        const plan = new Map([...best.plan, [key, c]]);
        const scored = { plan, evaluation: price(plan) };
        found.push(scored);
        if (comparePlans(scored, next) < 0) next = scored;
      }
    }
    if (next === best) break;
    best = next;
  }
  return { found };
}

/** Exhaustive when the space has at most `exhaustiveLimit` plans, else the beam. */
export function searchSpace(space: SearchSpace, price: Price, width: number, exhaustiveLimit: number): SearchResult {
  return spaceSize(space) <= exhaustiveLimit ? bruteForce(space, price) : beamSearch(space, price, width);
}

