// A float as Python source that reads back to the same double (the JAX export's optimizer constants).

export function pyFloat(x: number): string {
  const s = String(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}
