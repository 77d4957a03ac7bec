// Every command of the `threadbench` binary, in the order its --help lists them: what main.ts
// dispatches to, and what the CLI reference (cli-reference.ts) is written from. A command's module
// loads only when that command runs or shows its help: `report` loads Vega and `compare` its
// statistics, which `bench` and the others need not pay for at every start.
import type { Command } from './command.js';

export interface ListedCommand {
  readonly name: string;
  /** One line, for `threadbench --help`. */
  readonly summary: string;
  /** The command itself, its module imported on first use. */
  load(): Promise<Command>;
}

export const commands: readonly ListedCommand[] = [
  {
    name: 'bench',
    summary: 'run scenarios × variants × thread counts, one process per cell, into a CSV',
    load: async () => (await import('./commands/bench.js')).benchCommand,
  },
  {
    name: 'compare',
    summary: 'is head slower than base beyond noise? two result sets, or an interleaved A/B of two git refs',
    load: async () => (await import('./commands/compare.js')).compareCommand,
  },
  {
    name: 'report',
    summary: 'an HTML page with charts and a Markdown summary, from one run or two (base and head)',
    load: async () => (await import('./commands/report.js')).reportCommand,
  },
  {
    name: 'doctor',
    summary: "diagnose one scenario's cells under Clinic.js Doctor, beside threadbench's own verdict",
    load: async () => (await import('./commands/doctor.js')).doctorCommand,
  },
  {
    name: 'merge',
    summary: "join a sharded run's pieces into one CSV",
    load: async () => (await import('./commands/merge.js')).mergeCommand,
  },
  {
    name: 'list',
    summary: 'the scenarios, their parameters and the variants each supports',
    load: async () => (await import('./commands/list.js')).listCommand,
  },
  {
    name: 'init',
    summary: 'an example scenario and a pull-request regression gate (GitHub Actions), in your project',
    load: async () => (await import('./commands/init.js')).initCommand,
  },
];
