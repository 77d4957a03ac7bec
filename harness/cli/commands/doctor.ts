// `npm run doctor -- --scenario NAME [--variant v] [--threads N]`: each cell measured by the bench,
// then run as a steady load under Clinic.js Doctor; Doctor's page, its diagnosis beside our own
// verdict, and a CSV row per cell. Exit codes (harness/cli/run-cli.ts): 0 all diagnosed, 1 a cell
// Doctor could not diagnose, 2 bad input, 3 the tool failed, 130/143/129 interrupted by SIGINT/SIGTERM/SIGHUP.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { requireClinicDoctor } from '../../doctor/clinic.js';
import { describeDiagnosis } from '../../doctor/diagnosis.js';
import { type DoctorRecord, doctorRunColumns, toDoctorRow } from '../../doctor/doctor-csv.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { judgeLoop } from '../../measure/loop-verdict.js';
import { defaultBudget, defaultTasks } from '../../plan/budget.js';
import { type Cell, cellFileName, cellId } from '../../plan/cell.js';
import { expandMatrix } from '../../plan/matrix.js';
import { builtInScenarioDir, findScenarioFiles, loadScenarios } from '../../plan/scenario-loader.js';
import { CsvFile } from '../../results/csv-file.js';
import { describeRun } from '../../results/machine.js';
import { resultsDir } from '../../results/paths.js';
import type { CellRecord } from '../../run/cell-record.js';
import { runSweep } from '../../run/sweep.js';
import { defaultHeapLimitMb } from '../bench-defaults.js';
import type { Command } from '../command.js';
import { doctorOptions, doctorUsage, parseDoctorArgs } from '../doctor-args.js';
import { abortOnStopSignals, interruptedExitCode, stoppedBy } from '../interrupt.js';
import { exitCodes } from '../run-cli.js';

/**
 * Doctor calls memory "not enough data" until a blocking GC falls inside its window, and an
 * allocation-light load collects seldom: the window is long enough for one (docs/guide/doctor.md, "Diagnosis").
 */
const defaultDurationMs = 8000;
const defaultTimeoutMs = 120_000;
/** Doctor's own default sampling interval. */
const sampleIntervalMs = 10;

async function main(argv: readonly string[]): Promise<number> {
  const startedAt = new Date();
  const args = parseDoctorArgs(argv);
  requireClinicDoctor();
  const loaded = await loadScenarios(findScenarioFiles(args.scenarioSource ?? builtInScenarioDir));
  const meta = describeRun(startedAt);
  const threads = args.threads ?? meta.availableCores;
  // One load per variant: each parameter at its last declared value unless the user picked one.
  const declared = loaded.find((l) => l.scenario.name === args.scenario)?.scenario.params ?? {};
  const lastValues = Object.fromEntries(Object.entries(declared).map(([name, values]) => [name, [String(values.at(-1))]]));
  const cells = expandMatrix(loaded, {
    scenarios: [args.scenario],
    threads: [threads],
    params: { ...lastValues, ...args.params },
    ...(args.variants ? { variants: args.variants } : {}),
  });
  const paramNames = Object.keys(declared);
  const outDir = args.out ?? resultsDir('doctor');
  const csvPath = join(outDir, `${meta.runId}.csv`);
  const csv = CsvFile.create(csvPath, doctorRunColumns(paramNames), '--out');

  const signal = abortOnStopSignals();
  const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-doctor-'));
  const tasks = args.tasks ?? defaultTasks([threads]);
  // The bench cell's limit; Doctor gets it on top of its load's duration.
  const timeoutMs = args.timeoutMs ?? defaultTimeoutMs;
  const durationMs = args.durationMs ?? defaultDurationMs;
  process.stderr.write(
    `threadbench doctor ${meta.runId}: ${cells.length} cells of ${args.scenario}, ${durationMs} ms of load each under Clinic Doctor, ` +
      `${meta.availableCores} cores available, Node ${meta.nodeVersion}\n`,
  );
  const undiagnosed: string[] = [];
  try {
    // The bench measurement first, digest-checked against the kernel on the main thread.
    const sweep = await runSweep(
      cells,
      // The bench's own heap limit: a runaway kernel is named before Doctor ever runs it.
      {
        budget: defaultBudget(tasks),
        timeoutMs,
        heapLimitMb: defaultHeapLimitMb(totalmem()),
        tmpDir,
        cores: meta.availableCores,
        rounds: 1,
        signal,
      },
      {
        onCellDone: (record, index, total) =>
          process.stderr.write(`bench ${index + 1}/${total} ${cellId(record.cell)}: ${record.outcome.status}\n`),
      },
    );
    // Interrupted: the bench figures already measured are kept, as rows Doctor never got to.
    const keepUndiagnosed = (records: readonly CellRecord[]): number => {
      const canceled = { status: 'canceled', error: `${stoppedBy(signal)} before Doctor diagnosed it` } as const;
      csv.append(records.map((bench) => toDoctorRow(withoutDoctor(bench) ?? { bench, doctor: canceled, htmlFile: '' }, meta)));
      process.stderr.write(`${stoppedBy(signal)}: ${records.length} measured cells kept without a diagnosis: ${csv.path}\n`);
      return interruptedExitCode(signal);
    };
    if (sweep.interrupted) return keepUndiagnosed(sweep.records);
    for (const [index, bench] of sweep.records.entries()) {
      const record = await diagnose(bench, { tasks, durationMs, timeoutMs, tmpDir: join(tmpDir, `doctor-${index}`), outDir, signal });
      if (record === 'canceled') return keepUndiagnosed(sweep.records.slice(index));
      csv.append([toDoctorRow(record, meta)]);
      process.stdout.write(`${describeRecord(record, outDir)}\n`);
      if (record.doctor.status !== 'ok' && record.doctor.status !== 'n/a')
        undiagnosed.push(`${cellId(bench.cell)}: ${record.doctor.error}`);
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  if (args.out === undefined) csv.copyTo(join(outDir, 'latest.csv'));
  process.stderr.write(`diagnosed ${cells.length - undiagnosed.length} of ${cells.length} cells: ${csv.path}\n`);
  for (const line of undiagnosed) process.stderr.write(`threadbench doctor: could not diagnose ${line}\n`);
  return undiagnosed.length > 0 ? exitCodes.resultSaysNo : exitCodes.ok;
}

interface DiagnoseOptions {
  readonly tasks: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
  readonly tmpDir: string;
  readonly outDir: string;
  readonly signal: AbortSignal;
}

/** The record of a cell Doctor is not run on, known from its bench outcome alone; else undefined. */
function withoutDoctor(bench: CellRecord): DoctorRecord | undefined {
  const { outcome } = bench;
  if (outcome.status === 'n/a') return { bench, doctor: { status: 'n/a', error: outcome.error }, htmlFile: '' };
  if (outcome.status === 'ok') return undefined;
  // Doctor's load would run unchecked outputs: a diagnosis of work we cannot vouch for.
  return { bench, doctor: { status: 'skipped', error: `the bench cell ended ${outcome.status}: ${outcome.error}` }, htmlFile: '' };
}

async function diagnose(bench: CellRecord, options: DiagnoseOptions): Promise<DoctorRecord | 'canceled'> {
  const known = withoutDoctor(bench);
  if (known) return known;
  const { cell, outcome } = bench;
  if (outcome.status !== 'ok') throw new Error(`withoutDoctor should have answered a ${outcome.status} cell`);
  mkdirSync(options.tmpDir, { recursive: true });
  const htmlFile = join(options.outDir, `${pageName(cell)}.html`);
  const doctor = await runDoctor(cell, { ...options, sampleIntervalMs, workDir: options.tmpDir, htmlFile });
  if (doctor.status === 'canceled') return 'canceled';
  const page = doctor.status === 'ok' ? relative(options.outDir, htmlFile) : '';
  if (doctor.status === 'ok' && doctor.digest !== outcome.measurement.digest) {
    const error = `the load under Doctor digested ${doctor.digest.slice(0, 12)}, the bench cell ${outcome.measurement.digest.slice(0, 12)}`;
    return { bench, doctor: { status: 'mismatch', error }, htmlFile: page };
  }
  return { bench, doctor, htmlFile: page };
}

function pageName(cell: Cell): string {
  return cellFileName(cell);
}

function describeRecord({ bench, doctor, htmlFile }: DoctorRecord, outDir: string): string {
  const head = cellId(bench.cell);
  if (doctor.status !== 'ok') return `${head}\n  Doctor: ${doctor.status}: ${doctor.error}`;
  const ours = bench.outcome.status === 'ok' ? judgeLoop(bench.outcome.measurement) : undefined;
  const busy = bench.outcome.status === 'ok' ? bench.outcome.measurement.workerBusyP50 : Number.NaN;
  const verdict = ours
    ? [
        ours.blockedMain ? 'main thread blocked' : 'main thread responsive',
        ...(ours.gcPressure ? ['GC pressure'] : []),
        ...(Number.isNaN(busy) ? [] : [`workers ${Math.round(busy * 100)}% in the kernel${ours.workersSaturated ? ' (saturated)' : ''}`]),
      ].join(', ')
    : '';
  return `${head}\n  Doctor: ${describeDiagnosis(doctor.diagnosis)}\n  threadbench: ${verdict}\n  page: ${join(outDir, htmlFile)}`;
}

export const doctorCommand: Command = {
  name: 'doctor',
  usage: doctorUsage,
  options: doctorOptions,
  run: main,
};
