// A fake scenario whose kernel calls process.exit when it runs inside a worker.
import { isMainThread } from 'node:worker_threads';
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'worker-exits',
  description: 'test fixture: the kernel ends its worker thread with process.exit',
  params: { size: [1] },
  input: (_params, index) => index,
  run: (n: number) => {
    if (!isMainThread) process.exit(3);
    return `ok:${n}`;
  },
  noThreadpoolForm: 'test fixture',
});
