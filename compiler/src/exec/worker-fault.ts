// A mesh worker that died or threw during a run: the error names its devices; and the fault
// injection that lets tests make one fail on purpose (GSHARD_INJECT_WORKER_FAULT=throw:D|exit:D|hang:D).

/** A worker of the simulated mesh failed; the run is abandoned and the other workers are stopped. */
export class WorkerFault extends Error {
  /** `reason` is what the worker said: `device D: ...` when a device's op threw, else how the thread ended. */
  constructor(readonly devices: readonly number[], readonly reason: string) {
    const onDevice = /^device (\d+): ([^]*)$/.exec(reason);
    super(onDevice
      ? `simulated device ${onDevice[1]} failed: ${onDevice[2]} (the run was stopped on every device)`
      : `the worker thread running simulated ${devices.length === 1 ? 'device' : 'devices'} ${deviceList(devices)} ` +
        `died: ${reason} (the run was stopped on every device)`);
  }
}

function deviceList(devices: readonly number[]): string {
  const lo = devices[0];
  const hi = devices.at(-1);
  const contiguous = lo !== undefined && hi !== undefined && hi - lo === devices.length - 1;
  if (devices.length > 2 && contiguous) return `${lo}-${hi}`;
  return devices.join(', ');
}

/** The injected fault for `device`, from the environment (tests only; unset in normal use). */
export function injectedFault(
  device: number, env: NodeJS.ProcessEnv = process.env,
): 'throw' | 'exit' | 'hang' | undefined {
  const m = /^(throw|exit|hang):(\d+)$/.exec(env['GSHARD_INJECT_WORKER_FAULT'] ?? '');
  return m && Number(m[2]) === device ? (m[1] as 'throw' | 'exit' | 'hang') : undefined;
}
