// The measured window of a cell: the union of its timed batches, from each batch's first submit to
// its last result. Every main-thread figure but event-loop delay (utilization, CPU time, wall time,
// GC) covers these spans and nothing between them, where the harness digests outputs and tinybench
// keeps its books: the harness's own work is never charged to the variant.
//
// Event-loop delay comes from the probed batches that alternate with the timed ones: the probe is a
// 1 ms main-thread timer, and waking the main thread a thousand times a second costs a worker
// variant on sub-millisecond tasks (docs/methodology.md, "How a cell is measured"), so no timed batch runs it.
import { type EventLoopUtilization, type PerformanceEntry, PerformanceObserver, performance } from 'node:perf_hooks';
import { LoopGapProbe } from './loop-gap-probe.js';

interface Span {
  readonly start: number;
  readonly end: number;
}

export interface WindowFigures {
  readonly eldP50Ms: number;
  readonly eldP99Ms: number;
  readonly eldMaxMs: number;
  readonly elu: number;
  readonly cpuUserMs: number;
  readonly cpuSystemMs: number;
  /** CPU time of the main thread alone (user + system): NaN on a Node without process.threadCpuUsage(). */
  readonly mainCpuMs: number;
  readonly measuredMs: number;
  readonly gcMaxMsPerSecond: number;
}

type ThreadCpuUsage = (previous?: NodeJS.CpuUsage) => NodeJS.CpuUsage;
/**
 * The calling thread's CPU time (Node 23.9 and 22.19 on): what dispatching, cloning and collecting
 * results costs the main thread, apart from the workers. Detected, not inferred from the version.
 */
const threadCpuUsage = (process as { readonly threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage?.bind(process);

/** What the main thread's own CPU time is read with on this Node, or why it is not read; for the run's first line. */
export function mainThreadCpuSource(): string {
  return threadCpuUsage === undefined
    ? `main-thread CPU not measured (this Node has no process.threadCpuUsage())`
    : 'main-thread CPU from process.threadCpuUsage()';
}

/**
 * What a measured batch is for: `timed` batches give throughput, latency, CPU, utilization and GC
 * with nothing of the harness's running beside them; `probed` batches run the event-loop probe.
 */
export type BatchRole = 'timed' | 'probed';

/** Measured batches alternate, a timed one first: 1, 3, 5… timed, 2, 4… probed. */
export function roleOfMeasuredBatch(batch: number): BatchRole {
  return batch % 2 === 1 ? 'timed' : 'probed';
}

/**
 * The least number of measured batches when at least `least` are asked for: two, so that there is
 * one of each role. Long batches (where the time budget is met in a few) keep their count and split
 * it, a timed one more than probed; short ones run as many as the time budget holds.
 */
export function measuredBatchesFor(least: number): number {
  return Math.max(2, least);
}

/** What the window does through a stretch: add it to its timed spans, run the probe through it, or both. */
export interface WindowUse {
  readonly timed: boolean;
  readonly probed: boolean;
}

/** What the window does through a measured batch of the role. */
export function windowUseOf(role: BatchRole): WindowUse {
  return { timed: role === 'timed', probed: role === 'probed' };
}

export class MeasuredWindow {
  private readonly probe = new LoopGapProbe();
  private readonly spans: Span[] = [];
  private readonly gcPauses: { readonly startTime: number; readonly duration: number }[] = [];
  private readonly gcObserver = new PerformanceObserver((list) => this.keepGc(list.getEntries()));
  private open:
    | {
        readonly start: number;
        readonly elu: EventLoopUtilization;
        readonly cpu: NodeJS.CpuUsage;
        readonly mainCpu: NodeJS.CpuUsage | undefined;
      }
    | undefined;
  private probing = false;
  private active = 0;
  private idle = 0;
  private cpuUser = 0;
  private cpuSystem = 0;
  private mainCpu = 0;

  constructor() {
    // Observed all along and kept by when each pause started, not when the observer delivered it:
    // delivery lags, so a late warm-up pause would count and the last batch's could be lost.
    this.gcObserver.observe({ entryTypes: ['gc'] });
  }

  /**
   * Opens a stretch of measuring: `timed` adds it to the window's spans, `probed` runs the
   * event-loop probe through it. A bench batch is one or the other (`windowUseOf`); a server's load
   * window is both, since its loop delay is read under the load whose CPU it times.
   */
  resume(use: WindowUse): void {
    if (use.probed) {
      this.probe.resume();
      this.probing = true;
    }
    if (!use.timed) return;
    this.open = {
      start: performance.now(),
      elu: performance.eventLoopUtilization(),
      cpu: process.cpuUsage(),
      mainCpu: threadCpuUsage?.(),
    };
  }

  pause(): void {
    if (this.probing) {
      this.probe.pause();
      this.probing = false;
    }
    if (!this.open) return;
    const cpu = process.cpuUsage(this.open.cpu);
    const mainCpu = threadCpuUsage?.(this.open.mainCpu);
    const elu = performance.eventLoopUtilization(this.open.elu);
    this.spans.push({ start: this.open.start, end: performance.now() });
    this.active += elu.active;
    this.idle += elu.idle;
    this.cpuUser += cpu.user;
    this.cpuSystem += cpu.system;
    this.mainCpu += mainCpu === undefined ? Number.NaN : mainCpu.user + mainCpu.system;
    this.open = undefined;
  }

  /** Stops observing and returns the figures over every span; call once, after the last `pause`. */
  close(): WindowFigures {
    this.pause();
    this.keepGc(this.gcObserver.takeRecords());
    this.gcObserver.disconnect();
    const measuredMs = this.spans.reduce((sum, span) => sum + (span.end - span.start), 0);
    return {
      eldP50Ms: this.probe.percentileMs(50),
      eldP99Ms: this.probe.percentileMs(99),
      eldMaxMs: this.probe.maxMs(),
      elu: this.active + this.idle > 0 ? this.active / (this.active + this.idle) : Number.NaN,
      cpuUserMs: this.cpuUser / 1000,
      cpuSystemMs: this.cpuSystem / 1000,
      mainCpuMs: this.mainCpu / 1000,
      measuredMs,
      gcMaxMsPerSecond: maxGcMsPerSecond(this.gcPauses, this.spans),
    };
  }

  private keepGc(entries: readonly PerformanceEntry[]): void {
    for (const { startTime, duration } of entries) this.gcPauses.push({ startTime, duration });
  }
}

/**
 * GC pauses that started inside a span, summed per whole second of wall time from the first span's
 * start; the largest sum (Doctor's "blocking GC in any one second").
 */
export function maxGcMsPerSecond(
  pauses: readonly { readonly startTime: number; readonly duration: number }[],
  spans: readonly Span[],
): number {
  const origin = spans[0]?.start ?? 0;
  const perSecond = new Map<number, number>();
  for (const { startTime, duration } of pauses) {
    if (!spans.some((span) => startTime >= span.start && startTime <= span.end)) continue;
    const second = Math.floor((startTime - origin) / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + duration);
  }
  return Math.max(0, ...perSecond.values());
}
