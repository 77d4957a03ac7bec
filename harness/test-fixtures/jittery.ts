// A fake scenario whose speed alternates from one process to the next, 1× then 2×: rounds that
// disagree however many there are. The slow processes wait rather than spin, as a thread does that
// drew a bad schedule, so that their CPU time per task does not mark them as run on a slowed core.
// The process count lives in the file JITTERY_COUNTER names.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { defineScenario } from '../scenario.js';

function processSlowdown(): number {
  const counter = process.env['JITTERY_COUNTER'];
  if (counter === undefined) return 1;
  const count = existsSync(counter) ? Number(readFileSync(counter, 'utf8')) : 0;
  writeFileSync(counter, String(count + 1));
  return count % 2 === 0 ? 1 : 2;
}
const slowdown = processSlowdown();
const waitOn = new Int32Array(new SharedArrayBuffer(4));

export default defineScenario({
  name: 'jittery',
  description: 'test fixture: every other process takes the kernel twice as long',
  params: { task_us: [2000] },
  input: ({ task_us }) => task_us,
  run: (us: number) => {
    const until = performance.now() + us / 1000;
    while (performance.now() < until);
    if (slowdown > 1) Atomics.wait(waitOn, 0, 0, ((slowdown - 1) * us) / 1000);
    return `spun ${us} us`;
  },
  noThreadpoolForm: 'test fixture',
});
