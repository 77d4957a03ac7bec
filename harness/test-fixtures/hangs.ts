// A fake scenario that never finishes off the main thread: workers spin forever and the
// threadpool form never settles (while a timer keeps the loop alive, as real stuck I/O would).
import { isMainThread } from 'node:worker_threads';
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'hangs',
  description: 'test fixture: workers and the threadpool form never finish',
  params: { size: [1] },
  input: (_params, index) => index,
  run: (n: number) => {
    while (!isMainThread) {
      // spin forever
    }
    return `ok:${n}`;
  },
  runAsync: () => new Promise<string>(() => setInterval(() => {}, 1000)),
});
