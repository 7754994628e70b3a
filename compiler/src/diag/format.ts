// Sizes for people, the one rounding every command and the editor use: `960 B`, `4.0 KiB`, `1.5 MiB`, `3.0 GiB`.

/** Whole bytes below 1 KiB, else one decimal in the largest binary unit that keeps the number >= 1. */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${units[u]}`;
}
