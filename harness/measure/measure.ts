// Times batches with tinybench and probes what tinybench cannot see: the main thread's event
// loop, the process's CPU time and memory. Returns data; never prints.
import { performance } from 'node:perf_hooks';
import { Bench } from 'tinybench';
import type { SampleBudget } from '../plan/budget.js';
import { digestOutputs } from './digest.js';
import { FailureAt, MismatchError } from './failure.js';
import { probeHostSpeed } from './host-probe.js';
import { MeasuredWindow, measuredBatchesFor, roleOfMeasuredBatch, windowUseOf } from './measured-window.js';
import type { BatchMeasurement } from './measurement.js';
import { median } from './median.js';
import type { ColdStart, Runner } from './runner.js';
import { TaskRecords } from './task-records.js';
import { type PlacementFigures, ThreadPlacement } from './thread-placement.js';

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
  const loop = new BatchLoop(runner, jobs, label);
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
  bench.add('batch', () => loop.runBatch(), {
    async: true,
    beforeAll: (mode) => {
      if (mode === 'run') loop.startMeasuring();
    },
    afterEach: () => {
      loop.checkDigest();
      loop.samplePlacement();
    },
  });
  // The window closes whether or not the run failed: its probes must not outlive the batches.
  const figures = await bench.run().then(
    () => loop.window.close(),
    (error: unknown) => {
      loop.window.close();
      throw error;
    },
  );
  const result = bench.tasks[0]?.result;
  const digest = loop.digest;
  if (result?.state !== 'completed' || digest === undefined) {
    throw new Error(`tinybench ended in state ${result?.state ?? 'unknown'}`);
  }
  return {
    tasks: jobs.length,
    batchMs: loop.batchMs,
    ...loop.records.figures(),
    ...figures,
    ...loop.placementFigures(),
    eluP50: median(loop.batchElu) ?? Number.NaN,
    workerBusyP50: median(loop.batchWorkerBusy) ?? Number.NaN,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    hostMbps: Math.min(hostBefore, probeHostSpeed()),
    coldFirstMs: coldStart?.firstMs ?? Number.NaN,
    coldBurstMs: coldStart?.burstMs ?? Number.NaN,
    digest,
  };
}

/**
 * One cell's batches, as tinybench drives them: each batch sent, timed and recorded (`runBatch`),
 * then its outputs digested and checked against the first batch's (`checkDigest`), outside the
 * measured window. The per-batch figures of the timed batches gather here.
 */
class BatchLoop {
  readonly window = new MeasuredWindow();
  readonly records = new TaskRecords();
  /** Wall time, event-loop utilization and the workers' busy share of each timed batch. */
  readonly batchMs: number[] = [];
  readonly batchElu: number[] = [];
  readonly batchWorkerBusy: number[] = [];
  private readonly placement: ThreadPlacement;
  private phase: Phase = 'warm-up';
  private readonly batches = { 'warm-up': 0, measured: 0 };
  /** Undefined while a batch runs and after one failed: a failed batch has no outputs to digest. */
  private outputs: unknown[] | undefined;
  private first: { readonly digest: string; readonly batch: string } | undefined;

  constructor(
    private readonly runner: Runner,
    private readonly jobs: readonly unknown[],
    private readonly label: string,
  ) {
    this.placement = new ThreadPlacement(runner.handsOffTo);
  }

  /** Every batch's digest, once one has run: the first's, since all must equal it. */
  get digest(): string | undefined {
    return this.first?.digest;
  }

  startMeasuring(): void {
    this.phase = 'measured';
    if (this.runner.handsOffTo > 0) this.placement.start();
  }

  /** Between measured batches, never inside one: reading each thread's file is the harness's work. */
  samplePlacement(): void {
    if (this.phase === 'measured') this.placement.sample();
  }

  /** Where the threads ran over every measured batch, timed and probed alike, per task. */
  placementFigures(): PlacementFigures {
    return this.placement.close(this.batches.measured * this.jobs.length);
  }

  async runBatch(): Promise<{ overriddenDuration: number }> {
    const { phase } = this;
    const batch = `${this.label}, ${phase} batch ${++this.batches[phase]}`;
    this.outputs = undefined;
    const measured = phase === 'measured';
    const role = roleOfMeasuredBatch(this.batches[phase]);
    const timed = measured && role === 'timed';
    // Per-task figures come from the timed measured batches alone.
    this.records.startBatch(timed);
    // Before the clock: a transfer moves each job's buffers away, so every batch sends fresh copies.
    const sending = this.runner.prepare(this.jobs);
    if (measured) this.window.resume(windowUseOf(role));
    const eluAtStart = performance.eventLoopUtilization();
    const started = performance.now();
    let results: unknown[];
    let ms: number;
    try {
      results = await this.runner.runBatch(sending, this.records);
      // Read before the window pauses: its CPU and ELU readings are the harness's work, not the batch's.
      ms = performance.now() - started;
    } catch (error) {
      throw new FailureAt(batch, error);
    } finally {
      if (measured) this.window.pause();
      this.records.endBatch();
    }
    if (timed) this.recordTimed(ms, eluAtStart);
    this.outputs = results;
    // Our own clock, so the samples file keeps batches in order and equals what tinybench sees.
    return { overriddenDuration: ms };
  }

  private recordTimed(ms: number, eluAtStart: ReturnType<typeof performance.eventLoopUtilization>): void {
    this.batchMs.push(ms);
    this.batchElu.push(performance.eventLoopUtilization(eluAtStart).utilization);
    // The workers' analogue of ELU: the share of their lanes' time spent inside the kernel.
    if (this.runner.workers > 0) {
      if (this.records.laneMs === 0) throw new Error('a worker runner reported no lane spans: its busy share cannot be computed');
      this.batchWorkerBusy.push(this.records.kernelMs / this.records.laneMs);
    }
  }

  /**
   * tinybench calls this in a `finally`: after a batch that threw there is nothing to digest, and
   * throwing here would replace the kernel's error with a mismatch. Outside the measured window:
   * hashing a batch's outputs is the harness's work, not the variant's.
   */
  checkDigest(): void {
    if (this.outputs === undefined) return;
    const batch = `${this.phase} batch ${this.batches[this.phase]}`;
    let batchDigest: string;
    try {
      batchDigest = digestOutputs(this.outputs);
    } catch (error) {
      throw new FailureAt(`${this.label}, ${batch}`, error);
    }
    this.outputs = undefined;
    this.first ??= { digest: batchDigest, batch };
    if (batchDigest !== this.first.digest) {
      throw new MismatchError(
        `${this.label}, ${batch} digested ${batchDigest.slice(0, 12)}, ${this.first.batch} ${this.first.digest.slice(0, 12)}: outputs differ between batches`,
      );
    }
  }
}
