// Every command of the `threadbench` binary, in the order its --help lists them: what main.ts
// dispatches to, and what the CLI reference (cli-reference.ts) is written from.
import type { Command } from './command.js';
import { benchCommand } from './commands/bench.js';
import { compareCommand } from './commands/compare.js';
import { doctorCommand } from './commands/doctor.js';
import { initCommand } from './commands/init.js';
import { listCommand } from './commands/list.js';
import { mergeCommand } from './commands/merge.js';
import { reportCommand } from './commands/report.js';

export const commands = [
  benchCommand,
  compareCommand,
  reportCommand,
  doctorCommand,
  mergeCommand,
  listCommand,
  initCommand,
] as const satisfies readonly Command[];
