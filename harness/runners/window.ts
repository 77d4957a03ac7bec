// Keeps `width` tasks in flight until the batch is done: each completion submits the next job.
// A closed loop, so latency is submit → result of a task that found a free thread, not queueing.

/** A task's output and the moment (performance.now()) it reached the main thread. */
export interface Arrival {
  readonly output: unknown;
  readonly at: number;
}

export async function runWindowed(
  jobs: readonly unknown[],
  width: number,
  submit: (job: unknown) => Promise<Arrival>,
  recordLatency: (ms: number) => void,
): Promise<unknown[]> {
  const outputs: unknown[] = new Array(jobs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) {
      const index = next++;
      const submitted = performance.now();
      const { output, at } = await submit(jobs[index]);
      outputs[index] = output;
      recordLatency(at - submitted);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, lane));
  return outputs;
}
