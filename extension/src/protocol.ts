// The custom requests the server answers for the commands (lsp/src/commands.ts defines them; the
// strings are repeated here so that the client bundle does not pull in the compiler).

export const PARTITIONED_PROGRAM = 'gshard/partitionedProgram';
export const COST_REPORT = 'gshard/costReport';
export const TENSOR_SHARDING = 'gshard/tensorSharding';

/** What to show (plain text, or the cost page's HTML) or why there is nothing to show. */
export type CommandResult =
  | { readonly ok: true; readonly title: string; readonly text: string }
  | { readonly ok: false; readonly message: string };
