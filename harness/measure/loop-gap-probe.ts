// Event-loop delay as the gaps between turns of the main thread's loop: a repeating 1 ms timer
// whose every callback records the time since the one before.
//
// Why not monitorEventLoopDelay: its first timer callback only primes it, so a stretch in which the
// loop never turns (a promise chain that never yields: a sync kernel behind an `async` wrapper)
// records nothing at all; and a block just before the histogram is read is lost unless its timer
// gets one more turn. This probe counts the stretch from `resume` to its first callback and, when the
// loop is late at `pause`, the stretch from its last callback: a stall is recorded whatever its shape.
// Paused stretches are cut out of its timeline: the time since the last callback carries over from
// `pause` to the next `resume`, so spans shorter than the interval (a batch of microsecond tasks)
// add up to ordinary gaps instead of leaving only their rare slow ones on record.
import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** The timer's interval: the finest Node allows, so an idle loop reads about 1 ms, as monitorEventLoopDelay does. */
export const loopGapResolutionMs = 1;

const nsPerMs = 1e6;

export class LoopGapProbe {
  /** Every gap between consecutive turns, in nanoseconds (perf_hooks' recordable histogram). */
  readonly gaps: RecordableHistogram = createHistogram();
  private timer: NodeJS.Timeout | undefined;
  private last = 0;
  /** Time since the last callback when paused, ms: resumed from, not restarted. */
  private carried = 0;

  resume(): void {
    this.last = performance.now() - this.carried;
    this.timer ??= setInterval(() => this.record(performance.now()), loopGapResolutionMs);
  }

  pause(): void {
    const now = performance.now();
    // The timer was due and did not run: the loop was held up until now, a stall it would miss.
    if (now - this.last > loopGapResolutionMs) this.record(now);
    this.carried = now - this.last;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  percentileMs(percentile: number): number {
    return this.gaps.count === 0 ? Number.NaN : this.gaps.percentile(percentile) / nsPerMs;
  }

  maxMs(): number {
    return this.gaps.count === 0 ? Number.NaN : this.gaps.max / nsPerMs;
  }

  private record(now: number): void {
    this.gaps.record(Math.max(1, Math.round((now - this.last) * nsPerMs)));
    this.last = now;
  }
}
