// The process Clinic Doctor samples: one cell's workload as a steady load, `threads` tasks in
// flight for a fixed time, on compiled JavaScript. It ends on its own (Doctor's sampler writes its data on
// `beforeExit`, so no process.exit here) and leaves its result in a file.
import { writeFileSync } from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { oneLine, statusOf } from '../measure/failure.js';
import { choicesOf } from '../plan/cell.js';
import { noColdStart, withRunner, withWorkload } from '../run/workload-life.js';
import { doctorNodeOptions, type LoadResult, type LoadSpec, loadSpecSchema } from './protocol.js';
import { runSteadyLoad } from './steady-load.js';

const spec: LoadSpec = loadSpecSchema.parse(JSON.parse(process.argv[2] ?? 'null'));

function runLoad(): Promise<LoadResult> {
  return withWorkload(spec, (scenario, jobs) => {
    const context = {
      scenario,
      params: spec.params,
      scenarioFile: spec.scenarioFile,
      threads: spec.threads,
      workerEnv: envWithoutDoctor(),
      ...choicesOf(spec),
    };
    return withRunner(spec.variant, context, noColdStart, async (runner) => {
      const marker = markLoadWindow();
      try {
        return { ok: true, ...(await runSteadyLoad(runner, jobs, spec.threads, spec.durationMs)) };
      } finally {
        marker.close();
      }
    });
  });
}

/**
 * Doctor picks the window it analyses from the process's active-handle count, expecting a
 * plateau while the benchmark runs (its analysis/guess-interval.js: the middle must exceed both
 * sides by more than one handle). Two listening MessagePorts raise the count by two for exactly
 * the load, so start-up (module loading, pool start) and shut-down stay out of the diagnosis:
 * with them in, the few idle samples of shut-down could pass for Doctor's "application mode" of
 * CPU and flag a fully busy sync load as waiting on I/O.
 */
function markLoadWindow(): MessagePort {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', () => {});
  port2.on('message', () => {});
  return port1;
}

/**
 * Doctor preloads its sampler through NODE_OPTIONS, which workers inherit. A worker shares the
 * process's pid, so its sampler truncates and interleaves the main thread's data file and Doctor's
 * `visualize` dies on it. A worker given an explicit env reads NODE_OPTIONS from that env alone.
 */
function envWithoutDoctor(): Record<string, string> {
  const env = Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined));
  env.NODE_OPTIONS = (env.NODE_OPTIONS ?? '').replace(doctorNodeOptions, '').trim();
  if (env.NODE_OPTIONS.includes('sampler.js')) {
    throw new Error(`Doctor's preloads are not the ones this harness knows (${doctorNodeOptions}): NODE_OPTIONS is "${env.NODE_OPTIONS}"`);
  }
  return env;
}

const result: LoadResult = await runLoad().catch((error: unknown) => ({
  ok: false as const,
  status: statusOf(error),
  error: oneLine(error),
}));
writeFileSync(spec.resultFile, JSON.stringify(result));
if (!result.ok) process.exitCode = 1;
