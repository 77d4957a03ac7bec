// `threadbench bench`: parse arguments → expand the matrix → run the sweep → CSV and a summary.
// Exit codes (run-cli.ts): 0 all cells measured, 1 some cell did not, 2 bad input,
// 3 the tool failed, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (what was measured is folded and kept).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { mainThreadCpuSource } from '../../measure/measured-window.js';
import { axesOf, cellId } from '../../plan/cell.js';
import { expandMatrix } from '../../plan/matrix.js';
import { describeNodes, nodeCacheDir, resolveNodeTargets } from '../../plan/node-target.js';
import { builtInScenarioDir, findScenarioFiles, isTypeScriptModule, loadScenarios } from '../../plan/scenario-loader.js';
import { selectShard } from '../../plan/shard.js';
import { formatAnswer } from '../../report/answer.js';
import { textRow, toCellRow, toSampleRows } from '../../results/csv.js';
import { appendTogether, CsvFile, summaryPathFor } from '../../results/csv-file.js';
import { foldRounds } from '../../results/fold-rounds.js';
import { budgetRounds, followUpRounds } from '../../results/later-rounds.js';
import { describeRun } from '../../results/machine.js';
import { resultsDir } from '../../results/paths.js';
import { digestScenarioFiles, machineOf } from '../../results/run-plan.js';
import { summaryColumns, toSummaryRow } from '../../results/summary-csv.js';
import { formatSummaryTable } from '../../results/table.js';
import type { CellRecord } from '../../run/cell-record.js';
import { serveCells } from '../../run/serve.js';
import { createCellRunner, type LaterRounds, runSweep, type SweepResult } from '../../run/sweep.js';
import { parseBenchArgs, usage } from '../bench-args.js';
import {
  budgetEndReserveMs,
  budgetPlan,
  defaultBudgetMs,
  defaultHeapLimitMb,
  defaultThreads,
  defaultTimeoutMs,
  followUpTimeShare,
  quickThreads,
  sampleBudgetFor,
} from '../bench-defaults.js';
import type { Command } from '../command.js';
import { abortOnStopSignals, interruptedExitCode, stoppedBy } from '../interrupt.js';
import { createProgress, formatDuration } from '../progress.js';
import { openRunFiles, runToResume, withoutResume } from '../resume.js';
import { exitCodes } from '../run-cli.js';
import { formatScenarioList } from '../scenario-list.js';
import { runServerMode } from '../server-mode.js';

async function main(argv: readonly string[]): Promise<number> {
  const startedAt = new Date();
  const given = parseBenchArgs(argv);
  // A resume runs on the interrupted run's own flags: its plan is derived again from them.
  const resume = given.resume === undefined ? undefined : runToResume(given.resume, argv);
  const args = resume ? parseBenchArgs(resume.plan.argv) : given;
  const scenarioFiles = findScenarioFiles(args.scenarioSource ?? builtInScenarioDir);
  const loaded = await loadScenarios(scenarioFiles);
  if (args.list) {
    process.stdout.write(`${formatScenarioList(loaded)}\n`);
    return 0;
  }
  const meta = { ...describeRun(startedAt), ...(resume ? { runId: resume.plan.runId } : {}) };
  const nodes =
    args.nodes === undefined
      ? undefined
      : await resolveNodeTargets(args.nodes, { cacheDir: nodeCacheDir(), log: (line) => process.stderr.write(`${line}\n`) });
  const threads = args.threads ?? (args.quick ? quickThreads : defaultThreads(meta.availableCores));
  // Budgeted unless rounds are fixed: the default run plans its rounds within five minutes.
  const budgetMs = args.rounds === undefined && !args.quick ? (args.budgetMs ?? defaultBudgetMs) : args.budgetMs;
  const rounds = budgetMs !== undefined ? 1 : (args.rounds ?? 1);
  const extraRounds = args.extraRounds ?? (rounds < 2 ? 0 : rounds);
  const matrix = expandMatrix(loaded, {
    threads,
    params: args.params,
    quick: args.quick,
    ...(args.scenarios ? { scenarios: args.scenarios } : {}),
    ...(args.variants ? { variants: args.variants } : {}),
    ...(args.pools ? { pools: args.pools } : {}),
    ...(args.handoffs ? { handoffs: args.handoffs } : {}),
    ...(nodes ? { nodes } : {}),
    // The whole sweep shows where each pool's own default size sits, and spawn-per-task at every
    // count; by default spawning runs at the core count alone, its best case. Counts asked for are kept to.
    ...(args.threads === undefined && args.full ? { poolDefaultsFor: meta.availableCores } : {}),
    ...(args.threads === undefined && !args.full ? { spawnThreads: [Math.min(meta.availableCores, Math.max(...threads))] } : {}),
  });
  // Columns from the whole matrix, so that every shard writes the same schema and merges.
  const paramNames = [...new Set(matrix.flatMap((cell) => Object.keys(axesOf(cell))))];
  const cells = args.shard ? selectShard(matrix, args.shard) : matrix;
  if (args.server) return runServerMode(args, cells, paramNames, meta);
  if (cells.some((cell) => cell.variant === 'spawn-per-task' && isTypeScriptModule(cell.scenarioFile))) {
    process.stderr.write(
      `note: spawn-per-task on a TypeScript scenario counts Node's type stripping in every worker it starts (README, "TypeScript scenarios"); compile it to .js to measure the spawn alone\n`,
    );
  }
  const cellsPath = resume?.cellsPath ?? args.out ?? resultsDir(`${meta.runId}.csv`);
  const plan = {
    runId: meta.runId,
    argv: resume?.plan.argv ?? withoutResume(argv),
    startedAt: resume?.plan.startedAt ?? startedAt.toISOString(),
    ...(budgetMs === undefined ? {} : { budgetMs }),
    gitCommit: meta.gitCommit,
    nodeVersion: meta.nodeVersion,
    machine: machineOf(meta),
    scenarios: digestScenarioFiles(scenarioFiles),
    cells: cells.map(cellId),
  };
  const {
    cellsFile,
    samplesFile,
    prior,
    budgetMs: budgetLeftMs,
  } = openRunFiles(cellsPath, paramNames, plan, resume, { writePlan: !args.serve });
  if (prior) {
    process.stderr.write(`resuming ${meta.runId}: ${prior.rows.length} cell rounds already written are kept, the rest of its plan runs\n`);
  }

  const signal = abortOnStopSignals();
  const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-'));
  const progress = createProgress();
  const effort = args.serve
    ? ''
    : budgetMs !== undefined
      ? ` within ${formatDuration(budgetMs)} (--budget)`
      : rounds > 1
        ? ` × ${rounds} rounds`
        : '';
  process.stderr.write(
    `threadbench ${meta.runId}: ${cells.length} cells${effort} on ${meta.cpuModel}, ${meta.availableCores} cores available, ${nodes ? describeNodes(nodes) : `Node ${meta.nodeVersion}, ${mainThreadCpuSource()}`}\n`,
  );
  const sweepOptions = {
    budget: sampleBudgetFor(args, threads),
    scenarioWarmup: !args.quick && args.warmupMs === undefined,
    scenarioBatch: args.tasks === undefined,
    timeoutMs: args.timeoutMs ?? defaultTimeoutMs,
    heapLimitMb: args.heapLimitMb ?? defaultHeapLimitMb(totalmem()),
    tmpDir,
    cores: meta.availableCores,
    signal,
    ...(prior ? { resumed: prior } : {}),
  };
  const fold = (records: readonly CellRecord[]) =>
    foldRounds([...(prior?.rows ?? []), ...records.map((record) => textRow(toCellRow(record, meta)))]);
  const laterRounds: LaterRounds =
    budgetMs !== undefined
      ? // The budget is the command's: its start-up before the sweep and its ending after come out of it.
        budgetRounds(cells, fold, { ...budgetPlan, budgetMs: (budgetLeftMs ?? budgetMs) - performance.now() - budgetEndReserveMs }, prior)
      : followUpRounds(
          cells,
          fold,
          { rounds: extraRounds, timeShare: args.extraRounds === undefined ? followUpTimeShare : Number.POSITIVE_INFINITY },
          rounds,
        );
  // Samples first, the cell's row last and together: the cells file says which rounds are whole.
  const write = (record: CellRecord) =>
    appendTogether([
      [samplesFile, toSampleRows(record, meta.runId)],
      [cellsFile, [toCellRow(record, meta)]],
    ]);
  let result: SweepResult;
  try {
    result = args.serve
      ? await serveCells(cells, createCellRunner(sweepOptions), { input: process.stdin, output: process.stdout, signal }, write)
      : await runSweep(
          cells,
          { ...sweepOptions, rounds, laterRounds },
          {
            onCellStart: (cell, index, total) => progress.onCellStart?.(cell, index, total),
            onCellDone(record, index, total, etaMs) {
              write(record);
              progress.onCellDone(record, index, total, etaMs);
            },
          },
        );
  } finally {
    progress.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  // Every round folded into one answer per cell: the table and the summary file say the same.
  const summaries = fold(result.records);
  const summaryFile = CsvFile.write(summaryPathFor(cellsPath), summaryColumns(paramNames), summaries.map(toSummaryRow));
  if (args.out === undefined) {
    cellsFile.copyTo(resultsDir('latest.csv'));
    samplesFile.copyTo(resultsDir('latest.samples.csv'));
    summaryFile.copyTo(resultsDir('latest.summary.csv'));
  }
  // A server's stdout is its answers; the table and the answer are for a person, the answer last.
  if (!args.serve) {
    if (args.table) process.stdout.write(`${formatSummaryTable(summaries)}\n\n`);
    process.stdout.write(`${formatAnswer(summaries)}\n`);
  }
  const notMeasured = result.records.filter((r) => r.outcome.status !== 'ok' && r.outcome.status !== 'n/a').length;
  process.stderr.write(
    `${result.interrupted ? `${stoppedBy(signal)} after` : 'measured'} ${result.records.length}${args.serve ? '' : ` of ${result.planned}`} cells in ` +
      `${formatDuration(Date.now() - startedAt.getTime())}${notMeasured ? `, ${notMeasured} not ok` : ''}: ${cellsFile.path}\n`,
  );
  if (result.interrupted) return interruptedExitCode(signal);
  return notMeasured > 0 ? exitCodes.resultSaysNo : exitCodes.ok;
}

export const benchCommand: Command = {
  name: 'bench',
  summary: 'run scenarios × variants × thread counts, one process per cell, into a CSV',
  usage,
  run: main,
};
