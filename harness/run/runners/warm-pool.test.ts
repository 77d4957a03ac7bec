import { describe, expect, it } from 'vitest';
import { warmEveryWorker } from './warm-pool.js';

describe('warmEveryWorker', () => {
  it('bursts until every thread has answered', async () => {
    // A pool that hands the first bursts to thread 1 only, as a pool whose other workers are not up yet.
    let calls = 0;
    await warmEveryWorker(2, async () => (++calls <= 4 ? 1 : 2), 5);
    expect(calls).toBe(6);
  });

  it('fails, naming how many loaded, instead of timing a worker that never did', async () => {
    await expect(warmEveryWorker(3, async () => 1, 5)).rejects.toThrow(
      'only 1 of 3 pool workers loaded the scenario after 5 warm-up bursts',
    );
  });
});
