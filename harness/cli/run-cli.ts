// One exit-code contract for every command. An internal failure never shares a code with a
// result: a crash of the tool must not read as "a cell failed" or "a regression".
import { InterruptedError, OutputError, StepError, UsageError } from '../plan/errors.js';

export const exitCodes = {
  /** Everything measured, compared or written as asked. */
  ok: 0,
  /** A result says no: a cell failed, a regression, a cell Doctor could not diagnose. */
  resultSaysNo: 1,
  /** Bad input: one line says what is valid. */
  badInput: 2,
  /** The tool itself failed: an internal error, a git or npm step that broke, an unwritable output. */
  toolFailed: 3,
  /** Ctrl-C: what was already written is kept (SIGTERM 143 and SIGHUP 129 alike, interrupt.ts). */
  interrupted: 130,
} as const;

/**
 * Runs a command's `main` and sets the exit code: main's own, 2 for a UsageError (its message on
 * one line), the signal's code for an InterruptedError (130, 143, 129), 3 for an OutputError or a StepError (one line) and anything else (its message, then the stack for a bug report). `exitAtOnce` ends
 * the process when main returns, for commands whose pools or children may hold it open.
 */
export function runCli(name: string, main: () => Promise<number>, exitAtOnce = false): void {
  const finish = (code: number): void => {
    process.exitCode = code;
    // Let stdout and stderr drain before exiting: a pipe is written asynchronously.
    if (exitAtOnce) process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  };
  main().then(finish, (error: unknown) => {
    if (error instanceof InterruptedError) {
      process.stderr.write(`${name}: interrupted: ${error.message}\n`);
      finish(error.exitCode);
      return;
    }
    if (error instanceof OutputError || error instanceof StepError) {
      process.stderr.write(`${name}: ${error.message.split('\n')[0]}\n`);
      finish(exitCodes.toolFailed);
      return;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message.split('\n')[0]}\n`);
      finish(exitCodes.badInput);
      return;
    }
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
    process.stderr.write(`${name}: internal error: ${message.replace(/\s+/g, ' ').trim()}${stack}\n`);
    finish(exitCodes.toolFailed);
  });
}
