// Times batches with tinybench and probes what tinybench cannot see: the main thread's event
// loop, the process's CPU time and memory. Returns data; never prints.
import { createHistogram, monitorEventLoopDelay, performance, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Bench } from 'tinybench';
import type { Measurement, SampleBudget } from './cell.js';
import { digestOutputs } from './digest.js';
import { maxGcMsPerSecond } from './loop-verdict.js';
import { median } from './median.js';
import type { Runner } from './runners/runner.js';

/** Event-loop delay sampling interval: the smallest Node allows, so an idle loop reads ~1 ms. */
export const eldResolutionMs = 1;

/** A batch digested differently from the first: the variant's work is not repeatable. */
export class MismatchError extends Error {
  override readonly name = 'MismatchError';
}

const nsPerMs = 1e6;

export async function measureBatches(runner: Runner, jobs: readonly unknown[], budget: SampleBudget): Promise<Measurement> {
  const eventLoopDelay = monitorEventLoopDelay({ resolution: eldResolutionMs });
  const latencies = createHistogram();
  const batchMs: number[] = [];
  const batchElu: number[] = [];
  const batchWorkerBusy: number[] = [];
  let batchKernelMs = 0;
  let batchLaneMs = 0;
  const gcPauses: { startTime: number; duration: number }[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    if (measuring) for (const entry of list.getEntries()) gcPauses.push({ startTime: entry.startTime, duration: entry.duration });
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  let measuring = false;
  let outputs: unknown[] = [];
  let digest: string | undefined;
  let window: { elu: ReturnType<typeof performance.eventLoopUtilization>; cpu: NodeJS.CpuUsage; started: number } | undefined;
  let probes: Pick<Measurement, 'elu' | 'cpuUserMs' | 'cpuSystemMs' | 'measuredMs'> | undefined;
  const observer = {
    latency(ms: number): void {
      if (measuring) latencies.record(Math.max(1, Math.round(ms * nsPerMs)));
    },
    workerKernel(ms: number): void {
      batchKernelMs += ms;
    },
    laneSpan(ms: number): void {
      batchLaneMs += ms;
    },
  };

  const bench = new Bench({
    warmup: runner.warmsUp,
    time: budget.timeMs,
    iterations: budget.minSamples,
    // JIT tier-up can come late (the 2M sieve reaches TurboFan after ~50 calls, ~1 s), so the
    // warm-up is time-based, not one batch; a variant that is cold by design has none.
    warmupTime: budget.warmupMs,
    warmupIterations: budget.warmupBatches,
    throws: true,
  });
  bench.add(
    'batch',
    async () => {
      const eluAtStart = performance.eventLoopUtilization();
      batchKernelMs = 0;
      batchLaneMs = 0;
      const started = performance.now();
      outputs = await runner.runBatch(jobs, observer);
      const ms = performance.now() - started;
      if (measuring) {
        batchMs.push(ms);
        batchElu.push(performance.eventLoopUtilization(eluAtStart).utilization);
        // The workers' analogue of ELU: the share of their lanes' time spent inside the kernel.
        if (runner.workers > 0) {
          if (batchLaneMs === 0) throw new Error('a worker runner reported no lane spans: its busy share cannot be computed');
          batchWorkerBusy.push(batchKernelMs / batchLaneMs);
        }
      }
      // Our own clock, so the samples file keeps batches in order and equals what tinybench sees.
      return { overriddenDuration: ms };
    },
    {
      async: true,
      beforeAll(mode) {
        if (mode !== 'run') return;
        latencies.reset();
        eventLoopDelay.reset();
        eventLoopDelay.enable();
        window = { elu: performance.eventLoopUtilization(), cpu: process.cpuUsage(), started: performance.now() };
        measuring = true;
      },
      afterEach() {
        // Outside the timed window: hashing a batch's outputs is the harness's work, not the variant's.
        const batchDigest = digestOutputs(outputs);
        outputs = [];
        digest ??= batchDigest;
        if (batchDigest !== digest) {
          throw new MismatchError(`a batch digested ${batchDigest.slice(0, 12)}, the first ${digest.slice(0, 12)}: outputs differ between batches`);
        }
      },
      async afterAll(mode) {
        if (mode !== 'run' || !window) return;
        measuring = false;
        const cpu = process.cpuUsage(window.cpu);
        probes = {
          elu: performance.eventLoopUtilization(window.elu).utilization,
          cpuUserMs: cpu.user / 1000,
          cpuSystemMs: cpu.system / 1000,
          measuredMs: performance.now() - window.started,
        };
        // The trap: the delay probe records a block only when its timer runs after it. Give the
        // timer a turn before reading, or the last (for sync, every batch's last) block is lost.
        await sleep(2 * eldResolutionMs);
        eventLoopDelay.disable();
      },
    },
  );
  try {
    await bench.run();
  } finally {
    gcObserver.disconnect();
  }

  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed' || !probes || digest === undefined) {
    throw new Error(`tinybench ended in state ${result?.state ?? 'unknown'}`);
  }
  const tasks = jobs.length;
  const { throughput } = result;
  return {
    tasks,
    batchMs,
    // tinybench's throughput is batches/s per sample; × tasks gives the aggregate task rate.
    throughput: {
      mean: throughput.mean * tasks,
      ciLow: (throughput.mean - throughput.moe) * tasks,
      ciHigh: (throughput.mean + throughput.moe) * tasks,
      median: throughput.p50 * tasks,
    },
    latencyP50Ms: latencies.percentile(50) / nsPerMs,
    latencyP99Ms: latencies.percentile(99) / nsPerMs,
    eldP50Ms: eventLoopDelay.percentile(50) / nsPerMs,
    eldP99Ms: eventLoopDelay.percentile(99) / nsPerMs,
    eldMaxMs: eventLoopDelay.max / nsPerMs,
    ...probes,
    eluP50: median(batchElu) ?? Number.NaN,
    workerBusyP50: median(batchWorkerBusy) ?? Number.NaN,
    gcMaxMsPerSecond: maxGcMsPerSecond(gcPauses, window?.started ?? 0),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    digest,
  };
}
