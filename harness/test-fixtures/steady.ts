// A well-behaved fake scenario: every variant returns the same results.
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'steady',
  description: 'test fixture: a tiny deterministic kernel every variant agrees on',
  params: { size: [10, 20] },
  input: ({ size }, index) => size + index,
  run: (n: number) => `steady:${n * n}`,
  runAsync: async (n: number) => `steady:${n * n}`,
});
