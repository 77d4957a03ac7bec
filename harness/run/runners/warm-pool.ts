// Makes every worker of a pool load the scenario before timing: piscina marks its first workers
// ready before they have imported anything, so the first timed tasks would pay for the import.

/** Bursts of one warm task per thread, until every thread has answered or the rounds run out. */
export async function warmEveryWorker(threads: number, warmOne: () => Promise<number>, rounds: number): Promise<void> {
  const warmed = new Set<number>();
  for (let round = 0; round < rounds && warmed.size < threads; round++) {
    for (const threadId of await Promise.all(Array.from({ length: threads }, warmOne))) warmed.add(threadId);
  }
  // A worker that never loaded the scenario would pay for it inside a measured batch.
  if (warmed.size < threads) {
    throw new Error(`only ${warmed.size} of ${threads} pool workers loaded the scenario after ${rounds} warm-up bursts`);
  }
}
