// `bench --resume RUN`: which run, and with which flags: its own, since a resume re-derives the
// run's plan from them and measures only what the interrupted run had not written.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../plan/errors.js';
import { cellColumns, sampleColumns } from '../results/csv.js';
import { CsvFile, samplesPathFor } from '../results/csv-file.js';
import { resultsDir } from '../results/paths.js';
import { type PriorRounds, readPriorRounds } from '../results/prior-rounds.js';
import { differenceFrom, type RunPlan, readRunPlan, writeRunPlan } from '../results/run-plan.js';

export interface RunToResume {
  readonly cellsPath: string;
  readonly plan: RunPlan;
}

/** The run `run` names (a run id under results/, or its CSV), checked against the flags given beside --resume. */
export function runToResume(run: string, argv: readonly string[]): RunToResume {
  const cellsPath = existsSync(run) ? resolve(run) : resultsDir(`${run.replace(/\.csv$/i, '')}.csv`);
  if (!existsSync(cellsPath)) {
    throw new UsageError(`Expected --resume to name a run id under results/ or a run's CSV, got "${run}" (no ${cellsPath})`);
  }
  const plan = readRunPlan(cellsPath);
  const given = withoutResume(argv);
  if (given.length > 0 && given.join(' ') !== plan.argv.join(' ')) {
    throw new UsageError(
      `Expected --resume alone or with the flags of run ${plan.runId} (${plan.argv.join(' ') || 'none'}), got another set of flags (${given.join(' ')})`,
    );
  }
  return { cellsPath, plan };
}

/** The flags without `--resume RUN` (or `--resume=RUN`): what a run's plan records. */
export function withoutResume(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--resume') index++;
    else if (!arg.startsWith('--resume=')) kept.push(arg);
  }
  return kept;
}

export interface RunFiles {
  readonly cellsFile: CsvFile;
  readonly samplesFile: CsvFile;
  /** What the interrupted run wrote, when resuming. */
  readonly prior?: PriorRounds;
  /** Of the run's budget, what the interrupted run left (ms); the budget itself on a fresh run. */
  readonly budgetMs?: number;
}

/**
 * The run's files: created, with its plan beside them, on a fresh run; on a resume, the same files
 * opened to append once the plan is found the same, and what they hold read back.
 */
export function openRunFiles(
  cellsPath: string,
  paramNames: readonly string[],
  plan: RunPlan,
  resume: RunToResume | undefined,
  options: { readonly writePlan: boolean },
): RunFiles {
  if (resume === undefined) {
    const files = {
      cellsFile: CsvFile.create(cellsPath, cellColumns(paramNames), '--out'),
      samplesFile: CsvFile.create(samplesPathFor(cellsPath), sampleColumns(paramNames), '--out'),
    };
    if (options.writePlan) writeRunPlan(cellsPath, plan);
    return { ...files, ...(plan.budgetMs === undefined ? {} : { budgetMs: plan.budgetMs }) };
  }
  const difference = differenceFrom(resume.plan, plan);
  if (difference) throw new UsageError(`Expected to resume run ${resume.plan.runId} as it was planned, got ${difference}`);
  const cellsFile = CsvFile.open(cellsPath, cellColumns(paramNames));
  const samplesFile = CsvFile.open(samplesPathFor(cellsPath), sampleColumns(paramNames));
  const startedAt = new Date(resume.plan.startedAt);
  const prior = readPriorRounds(cellsPath, samplesFile.path, startedAt);
  const spentMs = (prior.lastWrittenAt ?? startedAt).getTime() - startedAt.getTime();
  return {
    cellsFile,
    samplesFile,
    prior,
    ...(resume.plan.budgetMs === undefined ? {} : { budgetMs: Math.max(0, resume.plan.budgetMs - spentMs) }),
  };
}
