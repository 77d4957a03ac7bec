// A fake scenario whose kernel succeeds, then throws from its `fail_on`-th call in a thread on:
// the row must carry the kernel's error, the variant and the batch, not a digest mismatch.
import { defineScenario } from '../scenario.js';

let calls = 0;

export default defineScenario({
  name: 'fails-late',
  description: 'test fixture: the kernel throws a RangeError from its fail_on-th call in a thread',
  params: { fail_on: [6] },
  input: ({ fail_on }, index) => ({ failOn: fail_on, index }),
  run: ({ failOn, index }: { failOn: number; index: number }) => {
    calls++;
    if (calls >= failOn) throw new RangeError(`call ${calls} refused`);
    return `ok:${index}`;
  },
  runAsync: async ({ failOn, index }: { failOn: number; index: number }) => {
    calls++;
    if (calls >= failOn) throw new RangeError(`call ${calls} refused`);
    return `ok:${index}`;
  },
});
