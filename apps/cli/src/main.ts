import { CommanderError } from 'commander';
import { EXIT, toFailure } from './core/exit-codes';
import { buildProgram } from './program';

/** Runs one command; the exit code says how it went (docs/CLI.md). */
async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are answers, not failures; commander printed the usage error already.
      process.exitCode = error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
      return;
    }
    const failure = toFailure(error);
    const json = program.opts<{ output?: string }>().output === 'json';
    process.stderr.write(
      json
        ? `${JSON.stringify({ error: { code: failure.code, message: failure.message, exit_code: failure.exitCode } })}\n`
        : `cascade: ${failure.code === 'USAGE' ? '' : `${failure.code}: `}${failure.message}\n`,
    );
    process.exitCode = failure.exitCode;
  }
}

void main(process.argv);
