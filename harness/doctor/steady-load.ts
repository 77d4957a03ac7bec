// A steady load for Doctor: `lanes` tasks always in flight, each lane submitting its next task the
// moment its last one returns, for a fixed time. No batch barrier: at a barrier the pool's workers
// go idle one by one, and Doctor's handle heuristic reads that saw-tooth as an I/O problem.

import { digestOutputs } from '../measure/digest.js';
import { MismatchError } from '../measure/failure.js';
import { ignoreTasks, type Runner } from '../measure/runner.js';
import { runLanes } from '../run/runners/in-flight.js';

export interface SteadyLoadResult {
  /** Digest of every job's first output, in job order: comparable with the bench cell's. */
  readonly digest: string;
  readonly tasks: number;
  readonly loadMs: number;
}

export async function runSteadyLoad(
  runner: Runner,
  jobs: readonly unknown[],
  lanes: number,
  durationMs: number,
): Promise<SteadyLoadResult> {
  const firstOutputs: unknown[] = new Array(jobs.length);
  const firstDigests: (string | undefined)[] = new Array(jobs.length);
  let next = 0;
  let done = 0;
  const started = performance.now();
  // Until the time is up, and at least once through the jobs so that the digest covers them all.
  const take = (): number | undefined =>
    performance.now() - started < durationMs || next < jobs.length ? next++ % jobs.length : undefined;
  await runLanes(lanes, take, async (index) => {
    const [output] = await runner.runBatch([jobs[index]], ignoreTasks);
    const outputDigest = digestOutputs([output]);
    const first = firstDigests[index];
    if (first === undefined) {
      firstDigests[index] = outputDigest;
      firstOutputs[index] = output;
    } else if (first !== outputDigest) {
      throw new MismatchError(`job ${index} digested ${outputDigest.slice(0, 12)} on a later run, ${first.slice(0, 12)} on its first`);
    }
    done++;
  });
  return { digest: digestOutputs(firstOutputs), tasks: done, loadMs: performance.now() - started };
}
