// The optimizer a training program applies, as settings: which rule, its hyperparameters, where its state lives.

/** SGD; Adam (Kingma & Ba, bias-corrected); Adafactor (Shazeer & Stern 2018, factored second moments, no momentum). */
export type OptimizerKind = 'sgd' | 'adam' | 'adafactor';

/**
 * `param`: each state tensor is sharded like its parameter (the default). `data`: ZeRO-style, the state
 * is also split over the data axes (those the batch is split on and the parameter is not), so the
 * gradient reduction becomes a reduce-scatter and the updated parameter is all-gathered.
 */
export type StatePlacement = 'param' | 'data';

export interface OptimizerSettings {
  readonly kind: OptimizerKind;
  readonly learningRate: number;
  /** Adam: decay of the first moment. */
  readonly beta1: number;
  /** Adam: decay of the second moment. */
  readonly beta2: number;
  /** Adam: added to sqrt(v_hat); Adafactor: eps1, added to g^2 (the paper's 1e-30). */
  readonly epsilon: number;
  /** Adafactor: the second-moment decay is 1 - t^(-decayRate) at step t (the paper's 0.8). */
  readonly decayRate: number;
  /** Adafactor: the update is scaled down to RMS <= clipThreshold (the paper's d = 1). */
  readonly clipThreshold: number;
  readonly statePlacement: StatePlacement;
}

export const OPTIMIZER_KINDS: readonly OptimizerKind[] = ['sgd', 'adam', 'adafactor'];

/** Defaults per kind: Adam's paper values; Adafactor's paper values with a fixed (not relative) step size. */
export function defaultOptimizerSettings(kind: OptimizerKind): OptimizerSettings {
  const base = { kind, beta1: 0.9, beta2: 0.999, decayRate: 0.8, clipThreshold: 1, statePlacement: 'param' as const };
  if (kind === 'sgd') return { ...base, learningRate: 0.1, epsilon: 1e-8 };
  if (kind === 'adam') return { ...base, learningRate: 0.01, epsilon: 1e-8 };
  return { ...base, learningRate: 0.01, epsilon: 1e-30 };
}

/**
 * The optimizer-state tensors of one parameter of `rank`, by slot name, as the dims they keep (indices
 * into the parameter's dims). Adafactor factors a rank >= 2 parameter over its last two dims: `vr` keeps
 * every dim but the last (row means of g^2), `vc` every dim but the second-to-last (column means).
 */
export function stateSlots(kind: OptimizerKind, rank: number): { readonly slot: string; readonly keep: number[] }[] {
  const all = Array.from({ length: rank }, (_, i) => i);
  if (kind === 'sgd') return [];
  if (kind === 'adam') return [{ slot: 'm', keep: all }, { slot: 'v', keep: all }];
  if (rank < 2) return [{ slot: 'v', keep: all }];
  return [{ slot: 'vr', keep: all.filter((i) => i !== rank - 1) }, { slot: 'vc', keep: all.filter((i) => i !== rank - 2) }];
}
