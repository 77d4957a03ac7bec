import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Test files whose assertions read time or the host's speed: an event loop's delay, a worker's
 * busy share, a timeout of a second or two, a slowdown a gate must see, Doctor's diagnosis, which
 * thread ran where. Another file's cell processes on the same cores would move what they read, so
 * they run one at a time, after the rest.
 */
const readTheHost = [
  'harness/cli/commands/doctor.test.ts',
  'harness/doctor/steady-load.test.ts',
  'harness/cli/server-mode.test.ts',
  'harness/measure/measure.test.ts',
  'harness/measure/measured-window.test.ts',
  'harness/measure/thread-placement.test.ts',
  'harness/run/http/open-loop.test.ts',
  'harness/run/http/run-server-cell.test.ts',
  'harness/run/runners/in-flight.test.ts',
  'harness/run/vcpu-probes.test.ts',
  'test/own-project.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    // Files follow one another in a worker's process instead of each starting its own, whose start
    // costs more CPU than most files' tests. A file that changes process-wide state (an environment
    // variable) puts it back when it ends.
    isolate: false,
    globalSetup: ['./vitest.global-setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          // What the rest pin is what was written (rows, statuses, digests, exit codes, messages),
          // not how fast: a file a core, so that one measures while another waits on a process
          // start, a timeout or a signal.
          name: 'outputs',
          include: ['{harness,scenarios,scripts,test}/**/*.test.ts'],
          exclude: readTheHost,
          maxWorkers: availableParallelism(),
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'timing',
          include: readTheHost,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
