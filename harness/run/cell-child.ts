// The process of one cell: a fresh Node, so UV_THREADPOOL_SIZE takes effect and no JIT or GC
// state leaks from the cell before. Reports one IPC message to the parent, then exits.
import { digestOutputs } from '../measure/digest.js';
import { oneLine, statusOf } from '../measure/failure.js';
import { measureBatches } from '../measure/measure.js';
import { choicesOf } from '../plan/cell.js';
import type { CellSpec } from './cell-spec.js';
import type { ChildReport } from './child-report.js';
import { withRunner, withWorkload } from './workload-life.js';

function runCell(): Promise<ChildReport> {
  // The parent checked the spec against cellSpecSchema before it started this process (run-cell.ts):
  // zod is not imported here, since its import alone would add to every cell process's start.
  const spec = JSON.parse(process.argv[2] ?? 'null') as CellSpec;
  if (spec.mode === 'reference') {
    return withWorkload(spec, async (scenario, jobs) => ({
      kind: 'reference',
      digest: kernelDigest(scenario, jobs),
    }));
  }
  return withWorkload({ ...spec, tasks: spec.budget.tasks }, async (scenario, jobs, freshJobs) => {
    const context = { scenario, params: spec.params, scenarioFile: spec.scenarioFile, threads: spec.threads, ...choicesOf(spec) };
    const measurement = await withRunner(spec.variant, context, jobs, (runner, coldStart) =>
      measureBatches(runner, jobs, spec.budget, spec.variant, coldStart),
    );
    // After the measurement, never before it: the main thread's kernel runs touch nothing measured.
    // Over fresh jobs: a kernel may consume or change its input. A kernel that throws here leaves no
    // reference: the parent runs a reference process, whose failure it reports as the reason.
    const referenceDigest = spec.alsoReference ? kernelDigestOrNone(scenario, freshJobs()) : undefined;
    return { kind: 'measured', measurement, ...(referenceDigest === undefined ? {} : { referenceDigest }) };
  });
}

type Kernel = { run(job: unknown): unknown };

/** The kernel on this thread over `jobs`, digested: the reference every variant must reproduce. */
function kernelDigest(scenario: Kernel, jobs: readonly unknown[]): string {
  return digestOutputs(jobs.map((job) => scenario.run(job)));
}

function kernelDigestOrNone(scenario: Kernel, jobs: readonly unknown[]): string | undefined {
  try {
    return kernelDigest(scenario, jobs);
  } catch {
    return undefined;
  }
}

const report: ChildReport = await runCell().catch((error: unknown) => ({
  kind: 'failed' as const,
  status: statusOf(error),
  error: oneLine(error),
}));
// Exit once the message is out: a worker still tearing down must not hold the cell open.
process.send?.(report, () => process.exit(0));
