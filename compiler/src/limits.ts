// Every limit in one place. Each is checked before work starts; each can be raised with an
// environment variable named in its message.

export interface Limit {
  readonly name: string;
  readonly envVar: string;
  readonly value: number;
  readonly unit: string;
  readonly what: string;
}

function limit(name: string, fallback: number, unit: string, what: string): Limit {
  const envVar = `GSHARD_MAX_${name.toUpperCase().replace(/-/g, '_')}`;
  const raw = typeof process !== 'undefined' ? process.env[envVar] : undefined;
  const parsed = raw === undefined ? NaN : Number(raw);
  return { name, envVar, value: Number.isFinite(parsed) && parsed > 0 ? parsed : fallback, unit, what };
}

export const LIMITS = {
  /** Source files over this are refused before parsing. */
  fileBytes: limit('file-bytes', 16 * 1024 * 1024, 'bytes', 'source file size'),
  /** Any dim; keeps element counts exact in doubles. */
  dimSize: limit('dim-size', 2 ** 40, 'elements', 'size of one dim'),
  /** Elements of one tensor (global view). 2^53 keeps counts exact. */
  tensorElements: limit('tensor-elements', 2 ** 53, 'elements', 'elements in one tensor'),
  /** Devices in one mesh. */
  devices: limit('devices', 65536, 'devices', 'devices in a mesh'),
  /** Ops after inlining every layer call. */
  ops: limit('ops', 200_000, 'ops', 'ops after inlining layers'),
  /** Nesting of one expression (`a + a + ...`, `dim D = 1 + 1 + ...`): deeper would overflow the stack. */
  expressionDepth: limit('expression-depth', 500, 'levels', 'nesting of one expression'),
  /** Memory a simulated run may allocate (all devices plus the reference). */
  runBytes: limit('run-bytes', 3 * 1024 ** 3, 'bytes', 'memory of a simulated run'),
} as const;

/** "exceeds the limit of N <unit> for <what> (raise it with GSHARD_MAX_X=...)". */
export function limitMessage(l: Limit, actual: number | bigint): string {
  return `${actual} ${l.unit} exceeds the limit of ${l.value} ${l.unit} for ${l.what} (raise it with ${l.envVar}=<n>).`;
}
