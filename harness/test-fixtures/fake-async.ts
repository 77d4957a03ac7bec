// A fake scenario whose "threadpool form" is the sync kernel behind an `async` function: every
// task blocks the main thread, and the promise chain never yields to the event loop. Its
// libuv-async cell must read the stall (the bug this tool exists to expose).
import { defineScenario } from '../scenario.js';

function spin(ms: number): string {
  const until = performance.now() + ms;
  let spins = 0;
  while (performance.now() < until) spins++;
  return `spun ${ms} ms (${spins > 0})`;
}

export default defineScenario({
  name: 'fake-async',
  description: 'test fixture: runAsync does the work on the main thread inside an async function',
  params: { task_ms: [20] },
  input: ({ task_ms }) => task_ms,
  run: spin,
  runAsync: async (ms: number) => spin(ms),
});
