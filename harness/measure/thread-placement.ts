// Where a cell's threads ran while it was measured, from Linux's per-thread files: whether the
// busiest workers last ran on the vCPU the main thread was on, and how often threads moved and
// switched. A hand-off of sub-millisecond tasks costs a wake-up across vCPUs or a switch on one,
// and which of the two the scheduler chose for a whole process can move its throughput more than
// anything the rounds vary (docs/methodology.md, "Thread placement"). Elsewhere than Linux: NaN.
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

export interface PlacementFigures {
  /** Of the samples, the share in which a busy worker had last run on the main thread's vCPU, 0–1. */
  readonly sameCpuShare: number;
  /** Migrations between vCPUs of all the process's threads, per task measured. */
  readonly migrationsPerTask: number;
  /** Context switches (voluntary and not) of all the process's threads, per task measured. */
  readonly switchesPerTask: number;
  /**
   * Where the process's CPU time went: [vCPU, share 0–1] for each vCPU its threads were seen on,
   * each thread's CPU time spread over the vCPUs its samples found it on. Empty without samples.
   */
  readonly cpuShares: readonly (readonly [cpu: number, share: number])[];
}

export const noPlacement: PlacementFigures = {
  sameCpuShare: Number.NaN,
  migrationsPerTask: Number.NaN,
  switchesPerTask: Number.NaN,
  cpuShares: [],
};

/** At most one sample in this long: reading every thread's file costs tens of microseconds a thread. */
const sampleEveryMs = 5;

interface ThreadCounts {
  readonly runtimeMs: number;
  readonly migrations: number;
  readonly switches: number;
}

/**
 * Samples between batches, never inside one: `start` when the measured batches begin, `sample`
 * after each, `close` after the last. The workers are the `workers` threads other than main that
 * ran longest in between; the main thread is the one whose id is the process's.
 */
export class ThreadPlacement {
  readonly #main = String(process.pid);
  readonly #samples: Map<string, number>[] = [];
  #start: Map<string, ThreadCounts> | undefined;
  #lastSampleAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly workers: number) {}

  start(): void {
    this.#start = readCounts();
  }

  sample(): void {
    if (this.#start === undefined || performance.now() - this.#lastSampleAt < sampleEveryMs) return;
    this.#lastSampleAt = performance.now();
    const cpus = readCpus();
    if (cpus.size > 0) this.#samples.push(cpus);
  }

  close(tasks: number): PlacementFigures {
    const before = this.#start;
    if (before === undefined || before.size === 0 || tasks <= 0) return noPlacement;
    const after = readCounts();
    const delta = [...after].flatMap(([tid, counts]) => {
      const was = before.get(tid);
      return was === undefined
        ? []
        : [
            {
              tid,
              runtimeMs: counts.runtimeMs - was.runtimeMs,
              migrations: counts.migrations - was.migrations,
              switches: counts.switches - was.switches,
            },
          ];
    });
    const busiest = delta
      .filter(({ tid }) => tid !== this.#main)
      .sort((a, b) => b.runtimeMs - a.runtimeMs)
      .slice(0, this.workers)
      .map(({ tid }) => tid);
    let same = 0;
    let seen = 0;
    for (const cpus of this.#samples) {
      const mainCpu = cpus.get(this.#main);
      for (const tid of busiest) {
        const cpu = cpus.get(tid);
        if (mainCpu === undefined || cpu === undefined) continue;
        seen++;
        if (cpu === mainCpu) same++;
      }
    }
    return {
      sameCpuShare: seen > 0 ? same / seen : Number.NaN,
      migrationsPerTask: delta.reduce((sum, d) => sum + d.migrations, 0) / tasks,
      switchesPerTask: delta.reduce((sum, d) => sum + d.switches, 0) / tasks,
      cpuShares: cpuSharesOf(delta, this.#samples),
    };
  }
}

/**
 * Each thread's CPU time over the vCPUs its samples found it on, summed by vCPU, as shares of the
 * whole. A thread no sample found (one that ended between samples) is left out, and a vCPU that
 * got no time is not listed.
 */
function cpuSharesOf(
  threads: readonly { readonly tid: string; readonly runtimeMs: number }[],
  samples: readonly ReadonlyMap<string, number>[],
): [number, number][] {
  const byCpu = new Map<number, number>();
  for (const { tid, runtimeMs } of threads) {
    const seenOn = samples.flatMap((cpus) => {
      const cpu = cpus.get(tid);
      return cpu === undefined ? [] : [cpu];
    });
    for (const cpu of seenOn) byCpu.set(cpu, (byCpu.get(cpu) ?? 0) + Math.max(0, runtimeMs) / seenOn.length);
  }
  const total = [...byCpu.values()].reduce((sum, ms) => sum + ms, 0);
  if (!(total > 0)) return [];
  return [...byCpu]
    .filter(([, ms]) => ms > 0)
    .sort(([a], [b]) => a - b)
    .map(([cpu, ms]) => [cpu, ms / total]);
}

function threadIds(): string[] {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return [];
  }
}

/** A thread's file, or undefined when the thread ended meanwhile (or there is no /proc). */
function readThreadFile(tid: string, file: 'stat' | 'sched'): string | undefined {
  try {
    return readFileSync(`/proc/self/task/${tid}/${file}`, 'utf8');
  } catch {
    return undefined;
  }
}

/** What `read` makes of each thread's file, by thread id; threads that ended meanwhile, or read as undefined, left out. */
function readThreads<T>(file: 'stat' | 'sched', read: (text: string) => T | undefined): Map<string, T> {
  const threads = new Map<string, T>();
  for (const tid of threadIds()) {
    const text = readThreadFile(tid, file);
    const value = text === undefined ? undefined : read(text);
    if (value !== undefined) threads.set(tid, value);
  }
  return threads;
}

/** Each thread's vCPU when it last ran: field 39 of its stat, counted after the command name's closing parenthesis. */
function readCpus(): Map<string, number> {
  return readThreads('stat', (stat) => {
    const cpu = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[36]);
    return Number.isInteger(cpu) ? cpu : undefined;
  });
}

/** Each thread's CPU time, migrations and switches from its sched file (the kernel's scheduler statistics). */
function readCounts(): Map<string, ThreadCounts> {
  return readThreads('sched', (sched) => {
    const field = (name: string) => Number(new RegExp(`^${name}\\s*:\\s*([\\d.]+)`, 'm').exec(sched)?.[1]);
    const runtimeMs = field('se\\.sum_exec_runtime');
    const migrations = field('se\\.nr_migrations');
    const switches = field('nr_voluntary_switches') + field('nr_involuntary_switches');
    return [runtimeMs, migrations, switches].every(Number.isFinite) ? { runtimeMs, migrations, switches } : undefined;
  });
}
