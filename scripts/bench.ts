// `npm run bench`: parse arguments → expand the matrix → run the sweep → CSV and a summary.
// Exit codes (harness/cli/run-cli.ts): 0 all cells measured, 1 some cell did not, 2 bad input,
// 3 the tool failed, 130 interrupted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defaultBudget, defaultTasks } from '../harness/budget.js';
import { parseBenchArgs, usage, type BenchArgs } from '../harness/cli/args.js';
import { abortOnCtrlC } from '../harness/cli/interrupt.js';
import { exitCodes, runCli } from '../harness/cli/run-cli.js';
import { formatScenarioList } from '../harness/cli/list.js';
import type { SampleBudget } from '../harness/cell.js';
import { CsvFile, samplesPathFor } from '../harness/csv-file.js';
import { cellColumns, sampleColumns, toCellRow, toSampleRows, type CellRecord } from '../harness/exporters/csv.js';
import { formatSummaryTable } from '../harness/exporters/table.js';
import { describeRun } from '../harness/machine.js';
import { expandMatrix } from '../harness/matrix.js';
import { createProgress, formatDuration } from '../harness/progress.js';
import { builtInScenarioDir, findScenarioFiles, loadScenarios } from '../harness/scenario-loader.js';
import { selectShard } from '../harness/shard.js';
import { serveCells } from '../harness/serve.js';
import { createCellRunner, runSweep } from '../harness/sweep.js';

const resultsDir = fileURLToPath(new URL('../../results/', import.meta.url));
const defaultThreads = [1, 2, 4, 8];
const quickThreads = [1, 2];
const defaultTimeoutMs = 120_000;

function budgetFor(args: BenchArgs, threads: readonly number[]): SampleBudget {
  if (args.quick) return { tasks: args.tasks ?? defaultTasks(threads, 4), warmupMs: args.warmupMs ?? 0, warmupBatches: 1, timeMs: args.timeMs ?? 50, minSamples: args.minSamples ?? 3 };
  const budget = defaultBudget(args.tasks ?? defaultTasks(threads));
  return { ...budget, warmupMs: args.warmupMs ?? budget.warmupMs, timeMs: args.timeMs ?? budget.timeMs, minSamples: args.minSamples ?? budget.minSamples };
}

async function main(argv: readonly string[]): Promise<number> {
  const startedAt = new Date();
  const args = parseBenchArgs(argv);
  if (args.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const loaded = await loadScenarios(findScenarioFiles(args.scenarioSource ?? builtInScenarioDir));
  if (args.list) {
    process.stdout.write(`${formatScenarioList(loaded)}\n`);
    return 0;
  }
  const meta = describeRun(startedAt);
  const threads = args.threads ?? (args.quick ? quickThreads : [...new Set([...defaultThreads, meta.availableCores])]);
  const matrix = expandMatrix(loaded, {
    threads,
    params: args.params,
    quick: args.quick,
    ...(args.scenarios ? { scenarios: args.scenarios } : {}),
    ...(args.variants ? { variants: args.variants } : {}),
  });
  // Columns from the whole matrix, so that every shard writes the same schema and merges.
  const paramNames = [...new Set(matrix.flatMap((cell) => Object.keys(cell.params)))];
  const cells = args.shard ? selectShard(matrix, args.shard) : matrix;
  const cellsPath = args.out ?? join(resultsDir, `${meta.runId}.csv`);
  const cellsFile = CsvFile.create(cellsPath, cellColumns(paramNames), '--out');
  const samplesFile = CsvFile.create(samplesPathFor(cellsPath), sampleColumns(paramNames), '--out');

  const signal = abortOnCtrlC();
  const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-'));
  const progress = createProgress();
  process.stderr.write(
    `threadbench ${meta.runId}: ${cells.length} cells${args.rounds && args.rounds > 1 ? ` × ${args.rounds} rounds` : ''} on ${meta.cpuModel}, ${meta.availableCores} cores available, Node ${meta.nodeVersion}\n`,
  );
  const sweepOptions = { budget: budgetFor(args, threads), timeoutMs: args.timeoutMs ?? defaultTimeoutMs, tmpDir, cores: meta.availableCores, signal };
  const write = (record: CellRecord) => {
    cellsFile.append([toCellRow(record, meta)]);
    samplesFile.append(toSampleRows(record, meta.runId));
  };
  let result;
  try {
    result = args.serve
      ? await serveCells(cells, createCellRunner(sweepOptions), { input: process.stdin, output: process.stdout }, write)
      : await runSweep(cells, { ...sweepOptions, rounds: args.rounds ?? 1 }, {
          onCellStart: (cell, index, total) => progress.onCellStart?.(cell, index, total),
          onCellDone(record, index, total) {
            write(record);
            progress.onCellDone(record, index, total);
          },
        });
  } finally {
    progress.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (args.out === undefined) {
    cellsFile.copyTo(join(resultsDir, 'latest.csv'));
    samplesFile.copyTo(join(resultsDir, 'latest.samples.csv'));
  }
  // A server's stdout is its answers; the table is for a person.
  if (!args.serve) process.stdout.write(`${formatSummaryTable(result.records)}\n`);
  const notMeasured = result.records.filter((r) => r.outcome.status !== 'ok' && r.outcome.status !== 'n/a').length;
  process.stderr.write(
    `${result.interrupted ? 'interrupted after' : 'measured'} ${result.records.length}${args.serve ? '' : ` of ${cells.length * (args.rounds ?? 1)}`} cells in ` +
      `${formatDuration(Date.now() - startedAt.getTime())}${notMeasured ? `, ${notMeasured} not ok` : ''}: ${cellsFile.path}\n`,
  );
  if (result.interrupted) return exitCodes.interrupted;
  return notMeasured > 0 ? exitCodes.resultSaysNo : exitCodes.ok;
}

// Exit as soon as main returns: a cell's pool or a Ctrl-C-killed child must not hold the process.
runCli('threadbench', () => main(process.argv.slice(2)), true);
