// Times batches with tinybench and probes what tinybench cannot see: the main thread's event
// loop, the process's CPU time and memory. Returns data; never prints.
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import type { SampleBudget } from '../plan/budget.js';
import { digestOutputs } from './digest.js';
import { FailureAt, MismatchError } from './failure.js';
import { probeHostSpeed } from './host-probe.js';
import { MeasuredWindow, measuredBatchesFor, roleOfMeasuredBatch, sidesOf } from './measured-window.js';
import type { BatchMeasurement } from './measurement.js';
import { median } from './median.js';
import type { ColdStart, Runner } from './runner.js';
import { TaskRecords } from './task-records.js';

type Phase = 'warm-up' | 'measured';

/**
 * Runs warm-up and measured batches of `jobs` on `runner`; the measured ones alternate between
 * timed and probed (measured-window.ts), at least `budget.minSamples` of them in all. `label`
 * names the variant in errors: a batch that fails is reported with the variant, the phase, the
 * batch and the task. A pool's cold start, measured as it started, goes into the figures as it came.
 */
export async function measureBatches(
  runner: Runner,
  jobs: readonly unknown[],
  budget: SampleBudget,
  label: string,
  coldStart?: ColdStart,
): Promise<BatchMeasurement> {
  const hostBefore = probeHostSpeed();
  const window = new MeasuredWindow();
  const records = new TaskRecords();
  const batchMs: number[] = [];
  const batchElu: number[] = [];
  const batchWorkerBusy: number[] = [];
  let phase: Phase = 'warm-up';
  const batches = { 'warm-up': 0, measured: 0 };
  // Undefined while a batch runs and after one failed: a failed batch has no outputs to digest.
  let outputs: unknown[] | undefined;
  let first: { readonly digest: string; readonly batch: string } | undefined;

  const bench = new Bench({
    warmup: runner.warmsUp,
    time: budget.timeMs,
    iterations: measuredBatchesFor(budget.minSamples),
    // JIT tier-up can come late (docs/methodology.md, "Warm-up is time-based"), so the warm-up is time-based,
    // not one batch; a variant that is cold by design has none.
    warmupTime: budget.warmupMs,
    warmupIterations: budget.warmupBatches,
    throws: true,
  });
  bench.add(
    'batch',
    async () => {
      const batch = `${label}, ${phase} batch ${++batches[phase]}`;
      outputs = undefined;
      const measured = phase === 'measured';
      const role = roleOfMeasuredBatch(batches[phase]);
      // Per-task figures come from the timed measured batches alone.
      records.startBatch(measured && role === 'timed');
      // Before the clock: a transfer moves each job's buffers away, so every batch sends fresh copies.
      const sending = runner.prepare(jobs);
      if (measured) window.resume(sidesOf(role));
      const eluAtStart = performance.eventLoopUtilization();
      const started = performance.now();
      let results: unknown[];
      let ms: number;
      try {
        results = await runner.runBatch(sending, records);
        // Read before the window pauses: its CPU and ELU readings are the harness's work, not the batch's.
        ms = performance.now() - started;
      } catch (error) {
        throw new FailureAt(batch, error);
      } finally {
        if (measured) window.pause();
        records.endBatch();
      }
      if (measured && role === 'timed') {
        batchMs.push(ms);
        batchElu.push(performance.eventLoopUtilization(eluAtStart).utilization);
        // The workers' analogue of ELU: the share of their lanes' time spent inside the kernel.
        if (runner.workers > 0) {
          if (records.laneMs === 0) throw new Error('a worker runner reported no lane spans: its busy share cannot be computed');
          batchWorkerBusy.push(records.kernelMs / records.laneMs);
        }
      }
      outputs = results;
      // Our own clock, so the samples file keeps batches in order and equals what tinybench sees.
      return { overriddenDuration: ms };
    },
    {
      async: true,
      beforeAll(mode) {
        if (mode === 'run') phase = 'measured';
      },
      afterEach() {
        // tinybench calls this in a `finally`: after a batch that threw there is nothing to digest,
        // and throwing here would replace the kernel's error with a mismatch.
        if (outputs === undefined) return;
        const batch = `${phase} batch ${batches[phase]}`;
        // Outside the measured window: hashing a batch's outputs is the harness's work, not the variant's.
        let batchDigest: string;
        try {
          batchDigest = digestOutputs(outputs);
        } catch (error) {
          throw new FailureAt(`${label}, ${batch}`, error);
        }
        outputs = undefined;
        first ??= { digest: batchDigest, batch };
        if (batchDigest !== first.digest) {
          throw new MismatchError(
            `${label}, ${batch} digested ${batchDigest.slice(0, 12)}, ${first.batch} ${first.digest.slice(0, 12)}: outputs differ between batches`,
          );
        }
      },
    },
  );
  // The window closes whether or not the run failed: its probes must not outlive the batches.
  const figures = await bench.run().then(
    () => window.close(),
    (error: unknown) => {
      window.close();
      throw error;
    },
  );

  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed' || first === undefined) {
    throw new Error(`tinybench ended in state ${result?.state ?? 'unknown'}`);
  }
  const tasks = jobs.length;
  return {
    tasks,
    batchMs,
    ...records.figures(),
    ...figures,
    eluP50: median(batchElu) ?? Number.NaN,
    workerBusyP50: median(batchWorkerBusy) ?? Number.NaN,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    hostMbps: Math.min(hostBefore, probeHostSpeed()),
    coldFirstMs: coldStart?.firstMs ?? Number.NaN,
    coldBurstMs: coldStart?.burstMs ?? Number.NaN,
    digest: first.digest,
  };
}
