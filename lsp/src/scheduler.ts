// When to analyse: the fast stage (up to checking) after a short debounce, the slow stages when the
// editor has been idle for a while. A newer edit cancels both pending runs for that document, and a
// run whose version went stale publishes nothing.

export interface ScheduleOptions {
  /** Quiet time after an edit before checking (ms). */
  readonly debounceMs: number;
  /** Quiet time after checking before propagating and partitioning (ms). */
  readonly idleMs: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = { debounceMs: 30, idleMs: 400 };

export class Scheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly options: ScheduleOptions,
    private readonly fast: (uri: string) => void,
    private readonly slow: (uri: string) => void,
  ) {}

  /** An edit happened: check after the debounce (or now), then run the slow stages when idle. */
  changed(uri: string, immediately = false): void {
    this.cancel(uri);
    const runFast = () => {
      this.fast(uri);
      this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); this.slow(uri); }, this.options.idleMs));
    };
    if (immediately) runFast();
    else this.timers.set(uri, setTimeout(runFast, this.options.debounceMs));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
