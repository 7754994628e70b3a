// The TPU-v3 constants and the one set of efficiencies the cost model uses, each with its source.

/** One physical constant with where it comes from; `value` is in SI units (FLOP/s, B, B/s, s). */
export interface Constant {
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

/**
 * Physical numbers of a TPU-v3 core, chip and pod. Every model is costed with this one table; there
 * is no per-model factor anywhere in the cost model.
 */
export const TPU_V3 = {
  peakBf16FlopsPerCore: {
    value: 61.5e12, unit: 'FLOP/s',
    source: '123 TFLOP/s bf16 per chip (cloud.google.com/tpu/docs/v3) / 2 TensorCores; = 2 MXU x 128^2 x 2 FLOP x ' +
      '~940 MHz',
  },
  f32MatmulPasses: {
    value: 1, unit: 'bf16 passes',
    source: 'XLA on TPU runs an f32 dot at DEFAULT precision as one bf16 MXU pass with f32 accumulation (inputs ' +
      'rounded to bf16); '
      + 'HIGH = 3 passes (bf16_3x), HIGHEST = 6. GShard trained "fp32" models at the default precision: f32 ' +
        'storage, bf16 MXU.',
  },
  coresPerChip: { value: 2, unit: 'cores',
    source: 'cloud.google.com/tpu/docs/v3: 2 TensorCores per chip, separate HBM' },
  hbmBytesPerCore: { value: 16 * 2 ** 30, unit: 'B',
    source: '32 GiB HBM per chip / 2 cores (cloud.google.com/tpu/docs/v3)' },
  hbmBandwidthPerCore: { value: 450e9, unit: 'B/s',
    source: '900 GB/s per chip / 2 cores (cloud.google.com/tpu/docs/v3)' },
  iciLinkBandwidth: {
    value: 1e11, unit: 'B/s',
    source: '~100 GB/s one way per ICI link, 4 links per chip (jax-ml.github.io/scaling-book/tpus); '
      + 'check: 64 links across the pod bisection x 100 GB/s = 6.4 TB/s (cloud docs)',
  },
  iciLinksPerChip: { value: 4, unit: 'links', source: '2D torus: 4 neighbours per chip (scaling-book)' },
  iciHopLatency: { value: 1e-6, unit: 's', source: '~1 us per hop (scaling-book, sharding chapter)' },
  onChipBandwidth: {
    value: 450e9, unit: 'B/s',
    source: '[assumption] a transfer between the two cores of one chip does not touch ICI; taken at one core\'s ' +
      'HBM bandwidth',
  },
  podChipRows: { value: 32, unit: 'chips', source: 'a v3 pod is 32 x 32 chips = 2048 cores, 2D torus (cloud docs)' },
  podChipCols: { value: 32, unit: 'chips',
    source: 'same; wraparound links only along a slice dimension that spans the pod' },
} as const satisfies Record<string, Constant>;

/**
 * Efficiencies: the fraction of a peak that real kernels reach. One set for every model.
 * - mxu: a large, MXU-aligned matmul. GShard §5 measured "> 85% of peak" for the dense FFN and
 *   projection einsums on TPU-v3; we use that measurement and add only padding losses (a dim that is
 *   not a multiple of 128 wastes part of the 128x128 systolic array).
 * - hbm: streaming, memory-bound fusions (elementwise, reductions, softmax, gather). 0.8 of the HBM
 *   peak is the usual sustained fraction for large contiguous streams [assumption].
 * - ici: collectives reach the link bandwidth once messages are large; latency is the alpha term.
 */
export const EFFICIENCY = {
  mxu: { value: 0.85, unit: 'of peak',
    source: 'GShard §5 / Fig. 8: dense FFN and projections exceed 85% of peak FLOPS' },
  hbm: { value: 0.8, unit: 'of peak',
    source: '[assumption] sustained fraction of HBM bandwidth for streaming fusions' },
  ici: { value: 1.0, unit: 'of peak', source: 'alpha-beta model: bandwidth term at link rate, latency in alpha' },
} as const satisfies Record<string, Constant>;

/** The MXU tile side: dims are padded to multiples of it (defined with the per-op work, which pads by it). */
export { MXU_TILE } from '../ops/work.js';

/** The numbers the cost functions read, flattened; tests and callers may pass a variant (e.g. a what-if). */
export interface Hardware {
  readonly peakFlops: number;          // bf16 FLOP/s per core
  readonly f32MatmulPasses: number;
  readonly hbmBytes: number;
  readonly hbmBandwidth: number;
  readonly linkBandwidth: number;      // one direction of one ICI link
  readonly hopLatency: number;
  readonly onChipBandwidth: number;
  readonly mxuEfficiency: number;
  readonly hbmEfficiency: number;
  readonly iciEfficiency: number;
}

export const TPU_V3_HARDWARE: Hardware = Object.freeze({
  peakFlops: TPU_V3.peakBf16FlopsPerCore.value,
  f32MatmulPasses: TPU_V3.f32MatmulPasses.value,
  hbmBytes: TPU_V3.hbmBytesPerCore.value,
  hbmBandwidth: TPU_V3.hbmBandwidthPerCore.value,
  linkBandwidth: TPU_V3.iciLinkBandwidth.value,
  hopLatency: TPU_V3.iciHopLatency.value,
  onChipBandwidth: TPU_V3.onChipBandwidth.value,
  mxuEfficiency: EFFICIENCY.mxu.value,
  hbmEfficiency: EFFICIENCY.hbm.value,
  iciEfficiency: EFFICIENCY.ici.value,
});

/** Rows for the report and docs: name, value, unit, source. */
export function constantsTable(): { name: string; value: number; unit: string; source: string }[] {
  return [...Object.entries(TPU_V3), ...Object.entries(EFFICIENCY).map(([k, v]) => [`efficiency.${k}`, v] as const)]
    .map(([name, c]) => ({ name, value: c.value, unit: c.unit, source: c.source }));
}
