// `threadbench bench`: plan (bench-plan.ts) → matrix → files → run → fold → answer.
// Exit codes (run-cli.ts): 0 all cells measured, 1 some cell did not, 2 bad input,
// 3 the tool failed, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (what was measured is folded and kept).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mainThreadCpuSource } from '../../measure/measured-window.js';
import { type Cell, cellId } from '../../plan/cell.js';
import { describeNodes } from '../../plan/node-target.js';
import { isTypeScriptModule } from '../../plan/scenario-loader.js';
import { formatAnswer } from '../../report/answer.js';
import { toCellRow, toSampleRows } from '../../results/csv.js';
import { appendTogether, CsvFile, summaryPathFor } from '../../results/csv-file.js';
import { type CellSummary, foldRounds } from '../../results/fold-rounds.js';
import { budgetRounds, followUpRounds } from '../../results/later-rounds.js';
import { resultsDir } from '../../results/paths.js';
import { roundRecordOf } from '../../results/round-record.js';
import { digestScenarioFiles, machineOf } from '../../results/run-plan.js';
import { summaryColumns, toSummaryRow } from '../../results/summary-csv.js';
import { formatSummaryTable } from '../../results/summary-table.js';
import type { CellRecord } from '../../run/cell-record.js';
import { runCellsOnRequest } from '../../run/on-request.js';
import { createCellRunner, type LaterRounds, runSweep, type SweepResult } from '../../run/sweep.js';
import { VcpuProbes } from '../../run/vcpu-probes.js';
import { benchOptions, usage } from '../bench-args.js';
import { budgetEndReserveMs, budgetPlan, followUpTimeShare } from '../bench-defaults.js';
import { type BenchPlan, cellsOf, planBench } from '../bench-plan.js';
import type { Command } from '../command.js';
import { abortOnStopSignals, interruptedExitCode, stoppedBy } from '../interrupt.js';
import { createProgress, formatDuration } from '../progress.js';
import { openRunFiles, type RunFiles } from '../resume.js';
import { exitCodes } from '../run-cli.js';
import { formatScenarioList } from '../scenario-list.js';
import { runServerMode } from '../server-mode.js';

async function main(argv: readonly string[]): Promise<number> {
  const plan = await planBench(argv, new Date());
  if (plan.args.list) {
    process.stdout.write(`${formatScenarioList(plan.loaded)}\n`);
    return exitCodes.ok;
  }
  const { cells, paramNames } = cellsOf(plan);
  if (plan.args.server) return runServerMode(plan.args, cells, paramNames, plan.meta);
  const files = openFiles(plan, cells, paramNames);
  const result = await runCells(plan, cells, files);
  const summaries = foldAndWrite(plan, files, result, paramNames);
  return answer(plan, files, result, summaries);
}

interface OpenFiles extends RunFiles {
  readonly cellsPath: string;
}

/** The run's files: its plan beside them (a resume reads it), and what an interrupted run already wrote. */
function openFiles(plan: BenchPlan, cells: readonly Cell[], paramNames: readonly string[]): OpenFiles {
  const { args, meta, resume } = plan;
  const cellsPath = resume?.cellsPath ?? args.out ?? resultsDir(`${meta.runId}.csv`);
  const runPlan = {
    runId: meta.runId,
    argv: [...plan.argv],
    startedAt: plan.runStartedAt,
    ...(plan.budgetMs === undefined ? {} : { budgetMs: plan.budgetMs }),
    gitCommit: meta.gitCommit,
    nodeVersion: meta.nodeVersion,
    machine: machineOf(meta),
    scenarios: digestScenarioFiles(plan.scenarioFiles),
    cells: cells.map(cellId),
  };
  const files = openRunFiles(cellsPath, paramNames, runPlan, resume, { writePlan: !args.serve });
  if (files.prior) {
    process.stderr.write(
      `resuming ${meta.runId}: ${files.prior.rounds.length} cell rounds already written are kept, the rest of its plan runs\n`,
    );
  }
  return { ...files, cellsPath };
}

/** Every cell, round after round (or on request, served), each record written as it comes. */
async function runCells(plan: BenchPlan, cells: readonly Cell[], files: OpenFiles): Promise<SweepResult & { signal: AbortSignal }> {
  const { args, meta } = plan;
  const { prior } = files;
  if (cells.some((cell) => cell.variant === 'spawn-per-task' && isTypeScriptModule(cell.scenarioFile))) {
    process.stderr.write(
      `note: spawn-per-task on a TypeScript scenario counts Node's type stripping in every worker it starts (docs/guide/scenarios.md, "TypeScript scenarios"); compile it to .js to measure the spawn alone\n`,
    );
  }
  const signal = abortOnStopSignals();
  const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-'));
  const progress = createProgress();
  // A sweep probes every vCPU around each cell; a served cell (compare's A/B) pairs its rounds instead.
  const vcpuProbes = args.serve ? undefined : VcpuProbes.start();
  process.stderr.write(`${firstLine(plan, cells.length)}\n`);
  const sweepOptions = {
    budget: plan.sampling,
    scenarioWarmup: !args.quick && args.warmupMs === undefined,
    scenarioBatch: args.tasks === undefined,
    timeoutMs: plan.timeoutMs,
    heapLimitMb: plan.heapLimitMb,
    tmpDir,
    cores: meta.availableCores,
    signal,
    ...(prior ? { resumed: prior } : {}),
    ...(vcpuProbes ? { vcpuProbes } : {}),
  };
  // Samples first, the cell's row last and together: the cells file says which rounds are whole.
  const write = (record: CellRecord) =>
    appendTogether([
      [files.samplesFile, toSampleRows(record, meta.runId)],
      [files.cellsFile, [toCellRow(record, meta)]],
    ]);
  try {
    const result = args.serve
      ? await runCellsOnRequest(cells, createCellRunner(sweepOptions), { input: process.stdin, output: process.stdout, signal }, write)
      : await runSweep(
          cells,
          { ...sweepOptions, rounds: plan.rounds, laterRounds: laterRoundsOf(plan, cells, files) },
          {
            onCellStart: (cell, index, total) => progress.onCellStart?.(cell, index, total),
            onCellDone(record, index, total, etaMs) {
              write(record);
              progress.onCellDone(record, index, total, etaMs);
            },
          },
        );
    return { ...result, signal };
  } finally {
    vcpuProbes?.stop();
    progress.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** `threadbench RUN: 53 cells within 4m 50s (--budget) on CPU, 2 cores available, Node …`. */
function firstLine(plan: BenchPlan, cellCount: number): string {
  const { args, meta, nodes } = plan;
  const effort = args.serve
    ? ''
    : plan.budgetMs !== undefined
      ? ` within ${formatDuration(plan.budgetMs)} (--budget)`
      : plan.rounds > 1
        ? ` × ${plan.rounds} rounds`
        : '';
  const node = nodes ? describeNodes(nodes) : `Node ${meta.nodeVersion}, ${mainThreadCpuSource()}`;
  return `threadbench ${meta.runId}: ${cellCount} cells${effort} on ${meta.cpuModel}, ${meta.availableCores} cores available, ${node}`;
}

/** Every round written so far (the resumed run's too), folded into one summary per cell. */
function folder(plan: BenchPlan, files: OpenFiles) {
  return (records: readonly CellRecord[]) =>
    foldRounds([...(files.prior?.rounds ?? []), ...records.map((record) => roundRecordOf(record, plan.meta))]);
}

/** The rounds after the first: what the budget pays for, or the follow-ups of fixed rounds. */
function laterRoundsOf(plan: BenchPlan, cells: readonly Cell[], files: OpenFiles): LaterRounds {
  const fold = folder(plan, files);
  if (plan.budgetMs !== undefined) {
    // The budget is the command's: its start-up before the sweep and its ending after come out of it.
    const budgetMs = (files.budgetMs ?? plan.budgetMs) - performance.now() - budgetEndReserveMs;
    return budgetRounds(cells, fold, { ...budgetPlan, budgetMs }, files.prior);
  }
  const timeShare = plan.args.extraRounds === undefined ? followUpTimeShare : Number.POSITIVE_INFINITY;
  return followUpRounds(cells, fold, { rounds: plan.extraRounds, timeShare }, plan.rounds);
}

/** Every round folded into one answer per cell, written as the summary file (and the latest.* copies). */
function foldAndWrite(plan: BenchPlan, files: OpenFiles, result: SweepResult, paramNames: readonly string[]): CellSummary[] {
  const summaries = folder(plan, files)(result.records);
  const summaryFile = CsvFile.write(summaryPathFor(files.cellsPath), summaryColumns(paramNames), summaries.map(toSummaryRow));
  if (plan.args.out === undefined) {
    files.cellsFile.copyTo(resultsDir('latest.csv'));
    files.samplesFile.copyTo(resultsDir('latest.samples.csv'));
    summaryFile.copyTo(resultsDir('latest.summary.csv'));
  }
  return summaries;
}

/** The answer (and the table, asked for) on stdout, the run's last line on stderr, and the exit code. */
function answer(
  plan: BenchPlan,
  files: OpenFiles,
  result: SweepResult & { signal: AbortSignal },
  summaries: readonly CellSummary[],
): number {
  const { args } = plan;
  // A server's stdout is its answers; the table and the answer are for a person, the answer last.
  if (!args.serve) {
    if (args.table) process.stdout.write(`${formatSummaryTable(summaries)}\n\n`);
    process.stdout.write(`${formatAnswer(summaries)}\n`);
  }
  const notMeasured = result.records.filter((r) => r.outcome.status !== 'ok' && r.outcome.status !== 'n/a').length;
  process.stderr.write(
    `${result.interrupted ? `${stoppedBy(result.signal)} after` : 'measured'} ${result.records.length}${args.serve ? '' : ` of ${result.planned}`} cells in ` +
      `${formatDuration(Date.now() - plan.startedAt.getTime())}${notMeasured ? `, ${notMeasured} not ok` : ''}: ${files.cellsFile.path}\n`,
  );
  if (result.interrupted) return interruptedExitCode(result.signal);
  return notMeasured > 0 ? exitCodes.resultSaysNo : exitCodes.ok;
}

export const benchCommand: Command = {
  name: 'bench',
  usage,
  options: benchOptions,
  run: main,
};
