// What kernels of per-device ops (and of ops holding a tile of their indexed dim) read from the device.

import type { DeviceContext } from './entry.js';

/** The device running a per-device kernel: absent in the global reference program, where it cannot run. */
export function needContext(kind: string, ctx: DeviceContext | undefined): DeviceContext {
  if (!ctx) throw new Error(`${kind} is a local (per-device) op and cannot run in the global reference program`);
  return ctx;
}

/** Where this device's tile (`size` long) of a dim split over `axes` starts: 0 when `axes` is empty. */
export function tileStart(kind: string, ctx: DeviceContext | undefined, axes: readonly string[], size: number): number {
  return axes.length ? needContext(kind, ctx).tileIndexAlong(axes) * size : 0;
}
