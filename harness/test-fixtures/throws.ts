// A fake scenario whose kernel throws, on every thread.
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'throws',
  description: 'test fixture: the kernel throws',
  params: { size: [1] },
  input: (_params, index) => index,
  run: (): string => {
    throw new RangeError('kernel refused the job');
  },
  runAsync: async (): Promise<string> => {
    throw new RangeError('kernel refused the job');
  },
});
