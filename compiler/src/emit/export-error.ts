// The error the exporters throw for a module they cannot translate (a user-facing message).

/** Why a module cannot be exported (a user-facing message), thrown by exportStableHlo and exportJax. */
export class ExportError extends Error {}
