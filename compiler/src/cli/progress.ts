// The progress bar of long runs: silent for the first second, then one redrawn line on stderr (only on a terminal).
import type { CliIO } from './io.js';

export interface Progress {
  update(phase: string, done: number, total: number): void;
  finish(): void;
}

/**
 * Shows a bar once a run has taken over `delayMs`; enabled on a TTY stderr, or forced with GSHARD_PROGRESS=1 (=0 turns
 * it off).
 */
export function startProgress(io: CliIO, delayMs = 1000): Progress {
  const env = process.env['GSHARD_PROGRESS'];
  const enabled = env === '1' || (env !== '0' && Boolean(process.stderr.isTTY));
  const t0 = performance.now();
  let lastDraw = 0;
  let drawn = false;
  return {
    update(phase, done, total) {
      if (!enabled) return;
      const now = performance.now();
      if (now - t0 < delayMs || (now - lastDraw < 100 && done < total)) return;
      lastDraw = now;
      const width = 30;
      const frac = total > 0 ? Math.min(1, done / total) : 1;
      const full = Math.round(frac * width);
      const bar = '#'.repeat(full) + '-'.repeat(width - full);
      io.err(`\r${phase.padEnd(10)} [${bar}] ${String(Math.round(frac * 100)).padStart(3)}%  ` +
        `${((now - t0) / 1000).toFixed(1)}s `);
      drawn = true;
    },
    finish() {
      if (drawn) io.err(`\r${' '.repeat(70)}\r`);
      drawn = false;
    },
  };
}
