// How fast each pool library hands out no-op tasks on its own, in a plain script (each library's
// documented API, a no-op worker, the same closed loop of `threads` tasks in flight as the harness
// keeps), beside the harness's `noop` cell of the same pool: what the harness itself costs.
//
//   npm run bench:raw-dispatch [-- --rounds 5 --tasks 20000]
//
// Rounds alternate the two, and the order of the pools, so that the host's drift hits them alike;
// each figure is the median of its rounds.
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
import { UsageError } from '../harness/plan/errors.js';
import { readCsvTable } from '../harness/results/csv-read.js';
import { medianEstimate, withInterval } from '../harness/results/fold-rounds.js';
import { destroyWithin } from '../harness/run/runners/pooled.js';

interface Dispatch {
  run(value: number): Promise<unknown>;
  destroy(): Promise<void>;
}

const workerFile = (name: string) => fileURLToPath(new URL(`./raw-dispatch/${name}-worker.js`, import.meta.url));
const threadCounts = [1, 2];
const warmTasks = 2000;

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

/** `lanes` loops side by side, each submitting the next task when its last one returns: tasks/s. */
async function closedLoop(dispatch: Dispatch, lanes: number, tasks: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < tasks) await dispatch.run(next++);
    }),
  );
  return tasks / ((performance.now() - started) / 1000);
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
 * One raw measurement, in this process: start the pool, warm it, time `tasks` tasks, destroy it.
 * Run in a fresh process of its own (`--one`), as the harness runs each cell: a long-lived script
 * that starts and destroys ten pools a round is not what either side of the comparison is.
 */
async function rawOne(pool: Pool, threads: number, tasks: number): Promise<number> {
  const dispatch = start[pool](threads);
  await step(`warming ${pool} × ${threads}`, () => closedLoop(dispatch, threads, warmTasks));
  const rate = await step(`measuring ${pool} × ${threads}`, () => closedLoop(dispatch, threads, tasks));
  doing = `destroying ${pool} × ${threads}`;
  if (!(await destroyWithin(dispatch, destroyGraceMs))) {
    process.stderr.write(`raw-dispatch: ${pool} × ${threads}: destroy() did not settle in ${destroyGraceMs / 1000} s; going on\n`);
  }
  return rate;
}

async function rawRound(order: readonly Pool[], tasks: number): Promise<Map<string, number>> {
  const rates = new Map<string, number>();
  const script = fileURLToPath(import.meta.url);
  for (const threads of threadCounts) {
    for (const pool of order) {
      const { stdout } = await step(`measuring ${pool} × ${threads} raw`, () =>
        execa('node', [script, '--one', pool, '--threads', String(threads), '--tasks', String(tasks)]),
      );
      rates.set(`${pool}/${threads}`, Number(stdout));
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
  return new Map(readCsvTable(out).rows.map((row) => [`${row['pool']}/${row['threads']}`, Number(row['throughput_median'])]));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '5' },
      tasks: { type: 'string', default: '20000' },
      // Internal: one raw measurement, its rate on stdout (rawRound).
      one: { type: 'string' },
      threads: { type: 'string', default: '1' },
    },
  });
  const rounds = Number(values.rounds);
  const tasks = Number(values.tasks);
  if (values.one !== undefined) {
    if (!(pools as readonly string[]).includes(values.one))
      throw new UsageError(`--one ${values.one}: expected one of ${pools.join(', ')}`);
    process.stdout.write(`${await rawOne(values.one as Pool, Number(values.threads), tasks)}\n`);
    finished = true;
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-raw-dispatch-'));
  const raw: Map<string, number>[] = [];
  const harness: Map<string, number>[] = [];
  for (let round = 0; round < rounds; round++) {
    // Rotate the pools, and alternate which side goes first.
    const order = pools.map((_, index) => pools[(index + round) % pools.length] as Pool);
    process.stderr.write(`raw-dispatch: round ${round + 1} of ${rounds}\n`);
    if (round % 2 === 0) {
      raw.push(await rawRound(order, tasks));
      harness.push(await harnessRound(order, dir, round));
    } else {
      harness.push(await harnessRound(order, dir, round));
      raw.push(await rawRound(order, tasks));
    }
  }
  const lines = [
    `# Raw dispatch vs the harness's noop cell, ${new Date().toISOString().slice(0, 10)}`,
    '',
    `${cpus()[0]?.model.trim()}, ${availableParallelism()} cores available, Node ${process.version}; ${rounds} rounds, ${tasks} tasks a raw measurement, each in a fresh process; medians over rounds, and the harness's rate over the raw one in the same round with its 95% interval (Student's t on the logs of the per-round ratios).`,
    '',
    '| pool | threads | raw tasks/s | raw µs/task | harness tasks/s | harness µs/task | harness ÷ raw (95% CI) |',
    '|---|--:|--:|--:|--:|--:|--:|',
  ];
  for (const threads of threadCounts) {
    for (const pool of pools) {
      const key = `${pool}/${threads}`;
      const rawRates = raw.map((r) => r.get(key) ?? Number.NaN);
      const harnessRates = harness.map((r) => r.get(key) ?? Number.NaN);
      const rawRate = median(rawRates) ?? Number.NaN;
      const harnessRate = median(harnessRates) ?? Number.NaN;
      const ratio = withInterval(medianEstimate(harnessRates.map((rate, round) => rate / (rawRates[round] ?? Number.NaN))));
      lines.push(
        `| ${pool} | ${threads} | ${rawRate.toFixed(0)} | ${(1e6 / rawRate).toFixed(1)} | ${harnessRate.toFixed(0)} | ${(1e6 / harnessRate).toFixed(1)} | ${ratio.value.toFixed(2)} (${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}) |`,
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
