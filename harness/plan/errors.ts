// The two errors that are not the tool failing: the CLI maps each to its own exit code (run-cli.ts).

/** Bad user input, said as expected versus received; the CLI prints it on one line and exits 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Ctrl-C reached a step the command waits on (a bench round of the A/B): exit 130, not 3. */
export class InterruptedError extends Error {
  override readonly name = 'InterruptedError';
}
