// A Clinic-Doctor-style verdict computed from the harness's own measurements, for every cell.
// Doctor's published thresholds: event-loop delay median >= 10 ms or max >= 100 ms, event-loop
// utilization median >= 95%, blocking GC >= 100 ms in any one second.

export const doctorThresholds = {
  delayMedianMs: 10,
  delayMaxMs: 100,
  utilizationMedian: 0.95,
  gcMsPerSecond: 100,
} as const;

export interface LoopFigures {
  readonly eldP50Ms: number;
  readonly eldMaxMs: number;
  /** Median over measured batches of the main thread's event-loop utilization. */
  readonly eluP50: number;
  /** The most main-thread GC time that fell in any one second of the measured window. */
  readonly gcMaxMsPerSecond: number;
  /** Median share of the workers' lane time spent in the kernel; NaN without workers. */
  readonly workerBusyP50: number;
}

export interface LoopVerdict {
  /** The main thread's event loop was blocked by Doctor's delay or utilization rule. */
  readonly blockedMain: boolean;
  /** Garbage collection blocked the main thread for Doctor's threshold in some second. */
  readonly gcPressure: boolean;
  /**
   * Doctor's utilization rule applied to the workers: busy >= 95%, no headroom left. The state a
   * pool under full load should reach, unlike the main thread; undefined without workers.
   */
  readonly workersSaturated: boolean | undefined;
}

export function judgeLoop(figures: LoopFigures): LoopVerdict {
  return {
    blockedMain:
      figures.eldP50Ms >= doctorThresholds.delayMedianMs ||
      figures.eldMaxMs >= doctorThresholds.delayMaxMs ||
      figures.eluP50 >= doctorThresholds.utilizationMedian,
    gcPressure: figures.gcMaxMsPerSecond >= doctorThresholds.gcMsPerSecond,
    workersSaturated: Number.isNaN(figures.workerBusyP50) ? undefined : figures.workerBusyP50 >= doctorThresholds.utilizationMedian,
  };
}
