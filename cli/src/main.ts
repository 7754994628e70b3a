// The gshard dispatcher: `gshard lsp` hands over to the language server; every other
// subcommand lives in the compiler.
import { runCli, nodeIO } from '@gshard/compiler';

export async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'lsp') {
    const lsp = '@gshard/lsp';
    try {
      const mod = (await import(lsp)) as { startServer: (argv: readonly string[]) => void };
      mod.startServer(argv.slice(1));
      return new Promise<number>(() => {});
    } catch (e) {
      process.stderr.write(`gshard lsp: the language server is not available: ${(e as Error).message}\n`);
      return 2;
    }
  }
  return runCli(argv, nodeIO);
}
