// The errors that are not the tool failing: the CLI maps each to its own exit code (run-cli.ts).

/** Bad user input, said as expected versus received; the CLI prints it on one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * An output the tool cannot write (a full disk, a directory gone): the tool failed, exit 3, but said
 * in one line naming the file, since it is the machine's state and not a bug to report.
 */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/**
 * A step run outside the tool failed (a checkout's install, its build, the user's `--setup`): the
 * tool could not do what was asked, exit 3, said in one line naming the step and the end of its output.
 */
export class StepError extends Error {
  override readonly name = 'StepError';
}

/**
 * A stop signal reached a step the command waits on (a bench round of the A/B): exit 130 for
 * Ctrl-C, 143 for SIGTERM, 129 for SIGHUP, not 3.
 */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
  constructor(
    message: string,
    readonly exitCode = 130,
  ) {
    super(message);
  }
}

/** The stop signals a run handles, with the shell's exit code for each: 128 + the signal's number. */
export const stopSignalExitCodes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
export type StopSignal = keyof typeof stopSignalExitCodes;

/** A child that a stop signal ended (its exit code or the signal itself): the interruption to pass on. */
export function interruptionOf(
  ended: { readonly exitCode?: number | undefined; readonly signal?: string | undefined },
  what: string,
): InterruptedError | undefined {
  for (const [name, code] of Object.entries(stopSignalExitCodes)) {
    if (ended.exitCode === code || ended.signal === name) return new InterruptedError(`${what} was stopped by ${name}`, code);
  }
  return undefined;
}
