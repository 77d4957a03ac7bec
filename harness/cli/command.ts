// A subcommand of the `threadbench` binary: its name, its help, its flags, and a main that returns an exit code.
import type { OptionTable } from './option-table.js';

export interface Command {
  readonly name: string;
  /** The whole `threadbench <name> --help` text. */
  readonly usage: string;
  /** Every flag it takes: the parser's table, which its usage and docs/reference/cli.md are written from. */
  readonly options: OptionTable;
  /** Runs with the arguments after the command's name; resolves with an exit code (run-cli.ts). */
  run(argv: readonly string[]): Promise<number>;
}
