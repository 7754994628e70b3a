// When to analyse: the fast stage (up to checking) right after an edit that follows a quiet spell,
// or once a burst of edits pauses; the slow stages when the editor has been idle for a while. A
// newer edit cancels both pending runs for that document, and a run whose version went stale
// publishes nothing.

export interface ScheduleOptions {
  /** Edits closer together than this (ms) form a burst, checked once it pauses this long. */
  readonly debounceMs: number;
  /** Quiet time after checking before propagating and partitioning (ms). */
  readonly idleMs: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = { debounceMs: 30, idleMs: 400 };

export class Scheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** When each document last changed (ms, performance.now()). */
  private readonly lastEdit = new Map<string, number>();

  constructor(
    private readonly options: ScheduleOptions,
    private readonly fast: (uri: string) => void,
    private readonly slow: (uri: string) => void,
  ) {}

  /**
   * An edit happened: check it, then run the slow stages when idle. The debounce exists to
   * coalesce bursts (fast typing, key repeat, an editor replaying changes), so only an edit that
   * comes within `debounceMs` of the previous one waits for the burst to pause; an edit after a
   * quiet spell is checked on the next turn of the event loop, since waiting could only delay its
   * diagnostics. A burst thus costs at most one extra check (of its first edit).
   */
  changed(uri: string, immediately = false): void {
    this.cancel(uri);
    const runFast = () => {
      this.fast(uri);
      this.timers.set(uri, setTimeout(() => { this.timers.delete(uri); this.slow(uri); }, this.options.idleMs));
    };
    if (immediately) { runFast(); return; } // opening is not typing: it starts no burst
    const now = performance.now();
    const last = this.lastEdit.get(uri);
    this.lastEdit.set(uri, now);
    const quiet = last === undefined || now - last >= this.options.debounceMs;
    this.timers.set(uri, setTimeout(runFast, quiet ? 0 : this.options.debounceMs));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** The document closed: forget it. */
  closed(uri: string): void {
    this.cancel(uri);
    this.lastEdit.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.lastEdit.clear();
  }
}
