// The gshard dispatcher: `gshard lsp` hands over to the language server (loaded only then, so
// other commands start fast); `--version` reads this package; every other subcommand lives in the
// compiler, whose light entry loads each command only when it runs.
import { readFileSync } from 'node:fs';
import { runCli, nodeIO } from '@gshard/compiler/cli';

export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export async function main(argv: readonly string[]): Promise<number> {
  // `gshard check f | head` closes the pipe early: stop quietly, as other Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  if (argv[0] === '--version' || argv[0] === '-v' || argv[0] === 'version') {
    process.stdout.write(`gshard ${version()} (node ${process.versions.node})\n`);
    return 0;
  }
  if (argv[0] === 'lsp') {
    const { startServer } = await import('@gshard/lsp');
    startServer(argv.slice(1));
    // The server owns the process from here; it exits when the client says `exit`.
    return new Promise<number>(() => {});
  }
  return runCli(argv, nodeIO);
}
