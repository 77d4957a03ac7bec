// How fast each pool library hands out no-op tasks on its own, in a plain script (each library's
// documented API, a no-op worker, the same closed loop of `threads` tasks in flight as the harness
// keeps), beside the harness's `noop` cell of the same pool: what the harness itself costs. Between
// the two, the same loop through the harness's own pooled runner outside a cell (its adapter, its
// worker entry, its in-flight window and the per-task records a cell keeps): the harness's per-task
// path alone, without the cell's batches and short measured window.
//
//   npm run bench:raw-dispatch [-- --rounds 5 --tasks 20000]
//
// Rounds alternate which side goes first, and the order of the pools, so that the host's drift
// hits them alike; each figure is the median of its rounds. A raw or runner measurement warms up
// for as long as the noop cell does (its scenario's `warmupMs`): on this VM a fresh process's
// threads share a core for their first few hundred milliseconds and hand off about 1.6× faster
// than once the scheduler has spread them (docs/guide/pools.md, "The harness's own cost on top of a library"),
// and the cell measures after that.
import { mkdtempSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { execa } from 'execa';
import { Piscina } from 'piscina';
import { FixedThreadPool } from 'poolifier';
import { Tinypool } from 'tinypool';
import workerpool from 'workerpool';
import { type Pool, pools } from '../harness/api/pool.js';
import { median } from '../harness/measure/median.js';
import { TaskRecords } from '../harness/measure/task-records.js';
import { UsageError } from '../harness/plan/errors.js';
import { readCsvTable } from '../harness/results/csv-read.js';
import { medianEstimate, withInterval } from '../harness/results/fold-rounds.js';
import { createPooledRunner, destroyWithin } from '../harness/run/runners/pooled.js';
import noop from '../scenarios/noop.js';

interface Dispatch {
  run(value: number): Promise<unknown>;
  destroy(): Promise<void>;
}

const workerFile = (name: string) => fileURLToPath(new URL(`./raw-dispatch/${name}-worker.js`, import.meta.url));
const threadCounts = [1, 2];
/** At least this many warm-up tasks, and for at least as long as the harness warms its noop cell. */
const warmTasks = 2000;
const warmMs = noop.warmupMs ?? 0;

const start: Record<Pool, (threads: number) => Dispatch> = {
  piscina: (threads) => {
    const pool = new Piscina<number, number>({ filename: workerFile('piscina'), minThreads: threads, maxThreads: threads });
    return { run: (value) => pool.run(value), destroy: () => pool.destroy() };
  },
  tinypool: (threads) => {
    const pool = new Tinypool({ filename: workerFile('piscina'), minThreads: threads, maxThreads: threads });
    return { run: (value) => pool.run(value), destroy: () => pool.destroy() };
  },
  workerpool: (threads) => {
    const pool = workerpool.pool(workerFile('workerpool'), { minWorkers: threads, maxWorkers: threads, workerType: 'thread' });
    return {
      run: async (value) => pool.exec('noop', [value]),
      destroy: async () => {
        await pool.terminate();
      },
    };
  },
  poolifier: (threads) => {
    const pool = new FixedThreadPool<number, number>(threads, workerFile('poolifier'));
    return { run: (value) => pool.execute(value), destroy: () => pool.destroy() };
  },
  'hand-rolled': textbookPool,
};

/** The pattern Node's docs teach, at its barest: N workers, a FIFO, the next task to whoever answers. */
function textbookPool(threads: number): Dispatch {
  const idle: Worker[] = [];
  const queue: { value: number; resolve: (result: unknown) => void }[] = [];
  const waiting = new Map<Worker, (result: unknown) => void>();
  const next = (worker: Worker) => {
    const task = queue.shift();
    if (!task) return void idle.push(worker);
    waiting.set(worker, task.resolve);
    worker.postMessage(task.value);
  };
  const workers = Array.from({ length: threads }, () => {
    const worker = new Worker(workerFile('hand-rolled'));
    worker.on('message', (result: unknown) => {
      waiting.get(worker)?.(result);
      next(worker);
    });
    idle.push(worker);
    return worker;
  });
  return {
    run: (value) =>
      new Promise((resolve) => {
        queue.push({ value, resolve });
        const worker = idle.pop();
        if (worker) next(worker);
      }),
    destroy: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}

/** Longer than any step takes: a step still running then waits on something that will never settle. */
const stuckAfterMs = 60_000;

/** `work`, named by `what` in the error if it has not settled after `stuckAfterMs`. */
async function step<T>(what: string, work: () => Promise<T>): Promise<T> {
  doing = what;
  let watchdog: NodeJS.Timeout | undefined;
  const stuck = new Promise<never>((_, reject) => {
    watchdog = setTimeout(() => reject(new Error(`${what}: not settled after ${stuckAfterMs / 1000} s`)), stuckAfterMs);
  });
  try {
    return await Promise.race([stuck, work()]);
  } finally {
    clearTimeout(watchdog);
  }
}

/**
 * As the harness does, a pool gets a few seconds to shut down and is then left to the process's
 * end: poolifier's `destroy()` now and then never settles (seen once in ten rounds, 2026-11-30),
 * and that is not dispatch.
 */
const destroyGraceMs = 5000;

/**
 * `lanes` loops side by side, each submitting the next task when its last one returns, until
 * `tasks` have run and at least `ms` has passed: tasks/s.
 */
async function closedLoop(dispatch: Dispatch, lanes: number, tasks: number, ms = 0): Promise<number> {
  let next = 0;
  const started = performance.now();
  const more = () => next < tasks || performance.now() - started < ms;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (more()) await dispatch.run(next++);
    }),
  );
  return next / ((performance.now() - started) / 1000);
}

/** What the script was doing, for the line it leaves if a library lets the process end under it. */
let doing = 'starting';
let finished = false;
// An unsettled top-level await ends the process with code 13, but 'exit' still sees code 0: a
// destroy() that never settled, with nothing else holding the loop open, ended the script so,
// silently. Every await now runs under a timer: `step` names what hung, `destroyWithin` moves on.
process.on('exit', (code) => {
  if (!finished) process.stderr.write(`raw-dispatch: ended (code ${code}) while ${doing}, before the table\n`);
});

/**
 * One raw measurement, in this process: start the pool, warm it as long as the cell warms, time
 * `tasks` tasks, destroy it.
 * Run in a fresh process of its own (`--one`), as the harness runs each cell: a long-lived script
 * that starts and destroys ten pools a round is not what either side of the comparison is.
 */
async function rawOne(pool: Pool, threads: number, tasks: number): Promise<number> {
  const dispatch = start[pool](threads);
  await step(`warming ${pool} × ${threads}`, () => closedLoop(dispatch, threads, warmTasks, warmMs));
  const rate = await step(`measuring ${pool} × ${threads}`, () => closedLoop(dispatch, threads, tasks));
  doing = `destroying ${pool} × ${threads}`;
  if (!(await destroyWithin(dispatch, destroyGraceMs))) {
    process.stderr.write(`raw-dispatch: ${pool} × ${threads}: destroy() did not settle in ${destroyGraceMs / 1000} s; going on\n`);
  }
  return rate;
}

/**
 * The same measurement through the harness's pooled runner, in this process: the noop scenario's
 * jobs, warmed as long as the cell warms, then `tasks` of them in one batch with a cell's records.
 */
async function runnerOne(pool: Pool, threads: number, tasks: number): Promise<number> {
  const scenarioFile = fileURLToPath(new URL('../scenarios/noop.js', import.meta.url));
  const runner = createPooledRunner({ scenario: noop, params: {}, scenarioFile, threads, pool });
  // noop needs no fixture.
  const jobs = Array.from({ length: tasks }, (_, index) => noop.input({}, index, undefined));
  const warmJobs = jobs.slice(0, warmTasks);
  const records = new TaskRecords();
  await step(`starting ${pool} × ${threads} in the runner`, () => runner.start(jobs));
  const warmStarted = performance.now();
  do {
    await step(`warming ${pool} × ${threads} in the runner`, () => runner.runBatch(runner.prepare(warmJobs), records));
  } while (performance.now() - warmStarted < warmMs);
  records.startBatch(true);
  const started = performance.now();
  const outputs = await step(`measuring ${pool} × ${threads} in the runner`, () => runner.runBatch(runner.prepare(jobs), records));
  const rate = tasks / ((performance.now() - started) / 1000);
  // A runner that answered wrongly must not read as fast: noop returns its input.
  const wrong = outputs.findIndex((output, index) => output !== jobs[index]);
  if (wrong >= 0) throw new Error(`${pool} × ${threads} in the runner: task ${wrong} returned ${String(outputs[wrong])}, not its input`);
  doing = `stopping ${pool} × ${threads} in the runner`;
  await runner.stop();
  return rate;
}

/** Where a measurement in a fresh process goes: the library's plain loop, or the harness's runner. */
type Way = 'raw' | 'runner';

async function freshRound(order: readonly Pool[], tasks: number, ways: readonly Way[]): Promise<Record<Way, Map<string, number>>> {
  const rates: Record<Way, Map<string, number>> = { raw: new Map(), runner: new Map() };
  const script = fileURLToPath(import.meta.url);
  for (const threads of threadCounts) {
    for (const pool of order) {
      for (const way of ways) {
        const { stdout } = await step(`measuring ${pool} × ${threads} ${way}`, () =>
          execa('node', [script, '--one', pool, '--way', way, '--threads', String(threads), '--tasks', String(tasks)]),
        );
        rates[way].set(`${pool}/${threads}`, Number(stdout));
      }
    }
  }
  return rates;
}

/** One round of the harness's own noop cells, every pool, the bench's defaults otherwise. */
async function harnessRound(order: readonly Pool[], dir: string, round: number): Promise<Map<string, number>> {
  const out = join(dir, `harness-${round}.csv`);
  const threadbench = fileURLToPath(new URL('../harness/cli/main.js', import.meta.url));
  const args = ['bench', '--scenario', 'noop', '--variant', 'pooled', '--pool', order.join(','), '--threads', threadCounts.join(',')];
  await step(`running the harness's noop cells, round ${round + 1}`, () =>
    execa('node', [threadbench, ...args, '--rounds', '1', '--out', out]),
  );
  return new Map(readCsvTable(out).rows.map((row) => [`${row.pool}/${row.threads}`, Number(row.throughput_median)]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      tasks: { type: 'string', default: '20000' },
      // Internal: one measurement of a pool, its rate on stdout (freshRound), raw or through the runner.
      one: { type: 'string' },
      way: { type: 'string', default: 'raw' },
      threads: { type: 'string', default: '1' },
    },
  });
  const rounds = Number(values.rounds);
  const tasks = Number(values.tasks);
  if (!Number.isInteger(rounds) || rounds < 1) throw new UsageError(`--rounds ${values.rounds}: expected a whole number of 1 or more`);
  if (!Number.isInteger(tasks) || tasks < 1) throw new UsageError(`--tasks ${values.tasks}: expected a whole number of 1 or more`);
  if (values.one !== undefined) {
    if (!(pools as readonly string[]).includes(values.one))
      throw new UsageError(`--one ${values.one}: expected one of ${pools.join(', ')}`);
    if (values.way !== 'raw' && values.way !== 'runner') throw new UsageError(`--way ${values.way}: expected raw or runner`);
    const measureOne = values.way === 'runner' ? runnerOne : rawOne;
    process.stdout.write(`${await measureOne(values.one as Pool, Number(values.threads), tasks)}\n`);
    finished = true;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-raw-dispatch-'));
  const raw: Map<string, number>[] = [];
  const runner: Map<string, number>[] = [];
  const harness: Map<string, number>[] = [];
  for (let round = 0; round < rounds; round++) {
    // Rotate the pools, and alternate which side goes first.
    const order = pools.map((_, index) => pools[(index + round) % pools.length] as Pool);
    process.stderr.write(`raw-dispatch: round ${round + 1} of ${rounds}\n`);
    const ways: readonly Way[] = round % 2 === 0 ? ['raw', 'runner'] : ['runner', 'raw'];
    const measureFresh = async () => {
      const rates = await freshRound(order, tasks, ways);
      raw.push(rates.raw);
      runner.push(rates.runner);
    };
    if (round % 2 === 0) {
      await measureFresh();
      harness.push(await harnessRound(order, dir, round));
    } else {
      harness.push(await harnessRound(order, dir, round));
      await measureFresh();
    }
  }
  const lines = [
    `# Raw dispatch vs the harness's runner and its noop cell, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${cpus()[0]?.model.trim()}, ${availableParallelism()} cores available, Node ${process.version}; ${rounds} rounds, ${tasks} tasks a raw or runner measurement, each in a fresh process warmed ${warmMs} ms as the cell is; medians over rounds, and each rate over the raw one in the same round with its 95% interval (Student's t on the logs of the per-round ratios).`,
    '',
    '| pool | threads | raw tasks/s | raw µs/task | runner tasks/s | runner ÷ raw (95% CI) | cell tasks/s | cell µs/task | cell ÷ raw (95% CI) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
  ];
  const rateAndRatio = (rounds: readonly Map<string, number>[], rawRates: readonly number[], key: string) => {
    const rates = rounds.map((r) => r.get(key) ?? Number.NaN);
    const ratio = withInterval(medianEstimate(rates.map((rate, round) => rate / (rawRates[round] ?? Number.NaN))));
    const interval = rates.length < 2 ? 'no interval: one round' : `${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}`;
    return { rate: median(rates) ?? Number.NaN, ratio: `${ratio.value.toFixed(2)} (${interval})` };
  };
  for (const threads of threadCounts) {
    for (const pool of pools) {
      const key = `${pool}/${threads}`;
      const rawRates = raw.map((r) => r.get(key) ?? Number.NaN);
      const rawRate = median(rawRates) ?? Number.NaN;
      const through = rateAndRatio(runner, rawRates, key);
      const cell = rateAndRatio(harness, rawRates, key);
      lines.push(
        `| ${pool} | ${threads} | ${rawRate.toFixed(0)} | ${(1e6 / rawRate).toFixed(1)} | ${through.rate.toFixed(0)} | ${through.ratio} | ${cell.rate.toFixed(0)} | ${(1e6 / cell.rate).toFixed(1)} | ${cell.ratio} |`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  finished = true;
}

await main().catch((error: unknown) => {
  finished = true;
  process.stderr.write(`raw-dispatch: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(error instanceof UsageError ? 2 : 3);
});
