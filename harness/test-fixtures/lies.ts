// A fake scenario whose workers and threadpool form return something other than the kernel on
// the main thread: the digest check must call those cells `mismatch`.
import { isMainThread } from 'node:worker_threads';
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'lies',
  description: 'test fixture: off the main thread the kernel skips work and returns another result',
  params: { size: [1] },
  input: (_params, index) => index,
  run: (n: number) => (isMainThread ? `square:${n * n}` : `square:${n}`),
  runAsync: async (n: number) => `square:${n + 1}`,
});
