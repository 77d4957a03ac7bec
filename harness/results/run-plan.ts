// The plan of a run, written beside its CSV when it starts (`run.csv` → `run.plan.json`): what
// `bench --resume` needs to re-derive the same matrix and to refuse a resume that would not be
// the same run (other flags, scenarios, commit, Node or machine).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { OutputError, UsageError } from '../plan/errors.js';
import type { RunMetadata } from './machine.js';

const runPlanSchema = z.object({
  runId: z.string(),
  /** The bench flags as given, without --resume: parsed again on resume. */
  argv: z.array(z.string()),
  startedAt: z.string(),
  /** The run's time budget, where it had one: a resume gets what the interrupted run left of it. */
  budgetMs: z.number().optional(),
  gitCommit: z.string(),
  nodeVersion: z.string(),
  machine: z.string(),
  /** SHA-256 of the scenario files' paths and contents. */
  scenarios: z.string(),
  cells: z.array(z.string()),
});
export type RunPlan = z.infer<typeof runPlanSchema>;

/** The plan file beside a cells file: `run.csv` → `run.plan.json`. */
export function planPathFor(cellsPath: string): string {
  return cellsPath.replace(/(\.csv)?$/i, '.plan.json');
}

export function writeRunPlan(cellsPath: string, plan: RunPlan): void {
  try {
    writeFileSync(planPathFor(cellsPath), `${JSON.stringify(plan, null, 2)}\n`);
  } catch (error) {
    throw new OutputError(`could not write ${planPathFor(cellsPath)}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function readRunPlan(cellsPath: string): RunPlan {
  const path = planPathFor(cellsPath);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UsageError(`Expected --resume to name a run with its plan beside its CSV, got no ${path}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`Expected ${path} to be a run's plan, got a file that is not JSON`);
  }
  const parsed = runPlanSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(`Expected ${path} to be a run's plan, got ${parsed.error.issues[0]?.message ?? 'another file'}`);
  return parsed.data;
}

/** The machine a figure belongs to, as a plan compares it: CPU model and the cores available. */
export function machineOf(meta: RunMetadata): string {
  return `${meta.cpuModel}, ${meta.availableCores} cores`;
}

/** One digest of the scenario files: a resume must measure the same kernels. */
export function digestScenarioFiles(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) hash.update(file).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

/** What differs between the plan of a run and the run a resume would make, in words, or nothing. */
export function differenceFrom(plan: RunPlan, now: Omit<RunPlan, 'runId' | 'startedAt' | 'budgetMs'>): string | undefined {
  const was = (label: string, then: string, current: string) =>
    then === current ? undefined : `another ${label} (${then || 'none'} then, ${current || 'none'} now)`;
  return (
    was('set of flags', plan.argv.join(' '), now.argv.join(' ')) ??
    was('commit', plan.gitCommit, now.gitCommit) ??
    was('Node', plan.nodeVersion, now.nodeVersion) ??
    was('machine', plan.machine, now.machine) ??
    (plan.scenarios === now.scenarios ? undefined : 'other scenario files (their contents changed)') ??
    was('matrix', `${plan.cells.length} cells`, `${now.cells.length} cells`) ??
    (plan.cells.join('\n') === now.cells.join('\n') ? undefined : 'another matrix (other cells)')
  );
}
