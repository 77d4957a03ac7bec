// Parses and checks `threadbench doctor` arguments at the edge: anything wrong is a UsageError.
import { type Variant, variants } from '../api/variant.js';
import { leastBatchTasks } from '../plan/budget.js';
import { UsageError } from '../plan/errors.js';
import { list, nonEmpty, parseParams, positiveInteger, toVariant } from './flags.js';
import { formatOptions, type OptionTable } from './option-table.js';
import { parseOptions } from './parse-options.js';

export interface DoctorArgs {
  readonly scenario: string;
  readonly variants?: readonly Variant[];
  readonly threads?: number;
  readonly params: Readonly<Record<string, readonly string[]>>;
  readonly durationMs?: number;
  readonly tasks?: number;
  readonly timeoutMs?: number;
  readonly out?: string;
  readonly scenarioSource?: string;
}

/** Every flag of `threadbench doctor`: what the parser reads, and what --help and docs/reference/cli.md say. */
export const doctorOptions = {
  scenario: { type: 'string', value: 'NAME', help: 'the scenario (required; see threadbench list)' },
  variant: { type: 'string', value: 'a,b', help: 'only these variants', defaultText: `all of ${variants.join(', ')}` },
  threads: { type: 'string', value: 'N', help: 'one thread count', defaultText: "the machine's available cores" },
  param: {
    type: 'string',
    multiple: true,
    value: 'name=v',
    help: "a parameter's value (repeatable)",
    defaultText: 'the last, largest, declared value',
  },
  duration: {
    type: 'string',
    value: 'MS',
    help: 'how long the load runs under Doctor; much shorter and Doctor may see no garbage collection and answer "not enough data"',
    defaultText: '8000',
  },
  tasks: {
    type: 'string',
    value: 'N',
    help: "tasks per batch (a scenario's batchTasks does not apply here)",
    defaultText: `max(${leastBatchTasks}, threads)`,
  },
  timeout: {
    type: 'string',
    value: 'MS',
    help: "give up on a cell's bench run after this long, or on Doctor this long after its load's duration",
    defaultText: '120000',
  },
  out: { type: 'string', value: 'DIR', help: 'write the pages and the CSV here', defaultText: 'results/doctor' },
  scenarios: { type: 'string', value: 'PATH', help: 'load scenarios from this directory or file instead of the built-ins' },
} as const satisfies OptionTable;

export function parseDoctorArgs(argv: readonly string[]): DoctorArgs {
  const { values } = parseOptions(argv, doctorOptions);
  if (values.scenario === undefined) throw new UsageError('Expected --scenario NAME (one scenario; see threadbench list), got none');
  const [scenario, ...more] = list('--scenario', values.scenario);
  if (scenario === undefined || more.length > 0) throw new UsageError(`Expected --scenario to name one scenario, got "${values.scenario}"`);
  const args: { -readonly [K in keyof DoctorArgs]: DoctorArgs[K] } = { scenario, params: parseParams(values.param ?? []) };
  if (values.variant !== undefined) args.variants = list('--variant', values.variant).map(toVariant);
  if (values.threads !== undefined) {
    if (values.threads.includes(','))
      throw new UsageError(`Expected --threads to be one count (Doctor diagnoses one thread count per run), got "${values.threads}"`);
    args.threads = positiveInteger('--threads', values.threads);
  }
  if (values.duration !== undefined) args.durationMs = positiveInteger('--duration', values.duration);
  if (values.tasks !== undefined) args.tasks = positiveInteger('--tasks', values.tasks);
  if (values.timeout !== undefined) args.timeoutMs = positiveInteger('--timeout', values.timeout);
  if (values.out !== undefined) args.out = nonEmpty('--out', values.out);
  if (values.scenarios !== undefined) args.scenarioSource = nonEmpty('--scenarios', values.scenarios);
  return args;
}

export const doctorUsage = `Usage: threadbench doctor --scenario NAME [options]
       npm run doctor -- --scenario NAME [options]   (in this repository)

Runs each cell of one scenario as a steady load under Clinic.js Doctor (in a child process of
its own), beside a bench measurement of the same cell. Writes results/doctor/<cell>.html, one
CSV row per cell (the bench columns plus Doctor's findings) to results/doctor/<run-id>.csv and
results/doctor/latest.csv, and prints Doctor's diagnosis next to threadbench's own verdict.

${formatOptions(doctorOptions)}

Exit codes: 0 every cell diagnosed (or n/a), 1 a cell Doctor could not diagnose (one line says
why), 2 bad input, 3 the tool failed, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (measured
cells are kept, with doctor_status canceled).`;
