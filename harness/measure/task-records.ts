// What a cell keeps of each task as it completes: the TaskObserver that measureBatches hands its
// runner. Its own file so that `bench:raw-dispatch` can drive a runner with the very records a cell
// keeps, and weigh the harness's per-task path against a library's plain loop.
import { createHistogram } from 'node:perf_hooks';
import { median } from './median.js';
import type { TaskObserver } from './runner.js';

const nsPerMs = 1e6;

export class TaskRecords implements TaskObserver {
  /** Kernel ms and lane spans of the batch running now; `startBatch` clears them. */
  kernelMs = 0;
  laneMs = 0;
  /** True while a timed batch runs: latency and hand-off come from those batches alone. */
  #timing = false;
  readonly #latencies = createHistogram();
  readonly #handoffIn: number[] = [];
  readonly #handoffOut: number[] = [];

  startBatch(timing: boolean): void {
    this.#timing = timing;
    this.kernelMs = 0;
    this.laneMs = 0;
  }

  endBatch(): void {
    this.#timing = false;
  }

  latency(ms: number): void {
    if (this.#timing) this.#latencies.record(Math.max(1, Math.round(ms * nsPerMs)));
  }

  workerKernel(ms: number): void {
    this.kernelMs += ms;
  }

  handoff(inMs: number, outMs: number): void {
    if (!this.#timing) return;
    this.#handoffIn.push(inMs);
    this.#handoffOut.push(outMs);
  }

  laneSpan(ms: number): void {
    this.laneMs += ms;
  }

  figures() {
    return {
      latencyP50Ms: this.#latencies.percentile(50) / nsPerMs,
      latencyP99Ms: this.#latencies.percentile(99) / nsPerMs,
      handoffInP50Ms: median(this.#handoffIn) ?? Number.NaN,
      handoffOutP50Ms: median(this.#handoffOut) ?? Number.NaN,
    };
  }
}
