// `bench --server`: the same matrix, each cell behind an HTTP server under open-loop loads, written
// row by row to its own CSV, its rounds folded into a table with each variant's responsive capacity.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { defaultBudget, defaultTasks } from '../plan/budget.js';
import type { Cell } from '../plan/cell.js';
import { CsvFile } from '../results/csv-file.js';
import type { RunMetadata } from '../results/machine.js';
import { resultsDir } from '../results/paths.js';
import { serverCellColumns, toServerRow } from '../results/server-csv.js';
import { serverRoundOf } from '../results/server-round.js';
import { foldServerRounds } from '../results/server-summary.js';
import { formatServerTable } from '../results/server-table.js';
import { runServerSweep, serverCellLabel } from '../run/http/server-sweep.js';
import type { BenchArgs } from './bench-args.js';
import { defaultHeapLimitMb, defaultTimeoutMs, serverDefaults } from './bench-defaults.js';
import { abortOnStopSignals, interruptedExitCode, stoppedBy } from './interrupt.js';
import { createLabelProgress, formatDuration } from './progress.js';
import { exitCodes } from './run-cli.js';

/** `Node v20.20.2`, or under --node each server's Node and the load's. */
function nodesOf(cells: readonly Cell[], meta: RunMetadata): string {
  const versions = [...new Set(cells.flatMap((cell) => (cell.node ? [cell.node.version] : [])))];
  return versions.length === 0
    ? `Node ${meta.nodeVersion}`
    : `Nodes ${versions.join(', ')} (--node: the server's; the load runs on ${meta.nodeVersion})`;
}

export async function runServerMode(
  args: BenchArgs,
  cells: readonly Cell[],
  paramNames: readonly string[],
  meta: RunMetadata,
): Promise<number> {
  const startedAt = performance.now();
  const loads = args.loads ?? serverDefaults.loads;
  const rounds = args.rounds ?? serverDefaults.rounds;
  const path = args.out ?? resultsDir(`${meta.runId}.server.csv`);
  const file = CsvFile.create(path, serverCellColumns(paramNames), '--out');
  const signal = abortOnStopSignals();
  const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-server-'));
  const progress = createLabelProgress();
  const runnable = cells.filter((cell) => cell.notApplicable === undefined);
  process.stderr.write(
    `threadbench ${meta.runId} server mode: ${runnable.length} cells × ${loads.length} loads × ${rounds} rounds on ${meta.cpuModel}, ` +
      `${meta.availableCores} cores available, ${nodesOf(cells, meta)}\n`,
  );
  const threads = [...new Set(cells.map((cell) => cell.threads))];
  let result: Awaited<ReturnType<typeof runServerSweep>>;
  try {
    result = await runServerSweep(
      cells,
      {
        loads,
        rounds,
        plan: {
          pingRps: args.pingRps ?? serverDefaults.pingRps,
          warmupMs: args.warmupMs ?? serverDefaults.loadWarmupMs,
          durationMs: args.timeMs ?? serverDefaults.windowMs,
          timeoutMs: serverDefaults.requestTimeoutMs,
        },
        capacityBudget: defaultBudget(args.tasks ?? defaultTasks(threads)),
        tasks: args.tasks ?? defaultTasks(threads),
        timeoutMs: args.timeoutMs ?? defaultTimeoutMs,
        heapLimitMb: args.heapLimitMb ?? defaultHeapLimitMb(totalmem()),
        tmpDir,
        signal,
      },
      {
        onStart: (cell, load, index, total) => progress.start(serverCellLabel(cell, load), index, total),
        onRecord(record, index, total) {
          file.append([toServerRow(record, meta)]);
          progress.done(serverCellLabel(record.cell, record.load), record.outcome.status, index, total);
        },
      },
    );
  } finally {
    progress.stop();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (args.out === undefined) file.copyTo(resultsDir('latest.server.csv'));
  // The records it measured, as the file holds them: the table and the file cannot disagree.
  process.stdout.write(`${formatServerTable(foldServerRounds(result.records.map(serverRoundOf)))}\n`);
  const notOk = result.records.filter((r) => r.outcome.status !== 'ok').length;
  process.stderr.write(
    `${result.interrupted ? `${stoppedBy(signal)} after` : 'measured'} ${result.records.length} of ${result.planned} server cells in ` +
      `${formatDuration(performance.now() - startedAt)}${notOk ? `, ${notOk} not ok` : ''}: ${file.path}\n`,
  );
  if (result.interrupted) return interruptedExitCode(signal);
  return notOk > 0 ? exitCodes.resultSaysNo : exitCodes.ok;
}
