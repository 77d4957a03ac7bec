// A fake scenario whose kernel busy-waits a known time: the physics the event-loop probe must see.
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'spin',
  description: 'test fixture: the kernel spins on the CPU for task_ms',
  params: { task_ms: [20] },
  input: ({ task_ms }) => task_ms,
  run: (ms: number) => {
    const until = performance.now() + ms;
    let spins = 0;
    while (performance.now() < until) spins++;
    return `spun ${ms} ms (${spins > 0})`;
  },
  noThreadpoolForm: 'test fixture',
});
