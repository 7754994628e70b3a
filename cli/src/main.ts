// The gshard dispatcher: `gshard lsp` hands over to the language server (loaded only then, so
// other commands start fast); every other subcommand lives in the compiler.
import { runCli, nodeIO } from '@gshard/compiler';

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'lsp') {
    const { startServer } = await import('@gshard/lsp');
    startServer(argv.slice(1));
    // The server owns the process from here; it exits when the client says `exit`.
    return new Promise<number>(() => {});
  }
  return runCli(argv, nodeIO);
}
