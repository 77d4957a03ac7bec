// A subcommand of the `threadbench` binary: its name, its help, and a main that returns an exit code.

export interface Command {
  readonly name: string;
  /** One line, for `threadbench --help`. */
  readonly summary: string;
  /** The whole `threadbench <name> --help` text. */
  readonly usage: string;
  /** Runs with the arguments after the command's name; resolves with an exit code (run-cli.ts). */
  run(argv: readonly string[]): Promise<number>;
}
