// A fake scenario whose kernel is not deterministic: batches of one cell digest differently,
// which the in-cell check must call `mismatch` even with no other variant to compare against.
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'flaky',
  description: 'test fixture: the kernel returns a different result every call',
  params: { size: [1] },
  input: (_params, index) => index,
  run: (n: number) => `${n}:${Math.random()}`,
  noThreadpoolForm: 'test fixture',
});
