// The process of one cell: a fresh Node, so UV_THREADPOOL_SIZE takes effect and no JIT or GC
// state leaks from the cell before. Reports one IPC message to the parent, then exits.
import { digestOutputs } from '../measure/digest.js';
import { oneLine, statusOf } from '../measure/failure.js';
import { measureBatches } from '../measure/measure.js';
import { cellSpecSchema, choicesOf } from './cell-spec.js';
import type { ChildReport } from './child-report.js';
import { withRunner, withWorkload } from './workload.js';

function runCell(): Promise<ChildReport> {
  const spec = cellSpecSchema.parse(JSON.parse(process.argv[2] ?? 'null'));
  if (spec.mode === 'reference') {
    return withWorkload(spec, async (scenario, jobs) => ({
      kind: 'reference',
      digest: digestOutputs(jobs.map((job) => scenario.run(job))),
    }));
  }
  return withWorkload({ ...spec, tasks: spec.budget.tasks }, async (scenario, jobs) => {
    const context = { scenario, params: spec.params, scenarioFile: spec.scenarioFile, threads: spec.threads, ...choicesOf(spec) };
    return withRunner(spec.variant, context, jobs, async (runner, coldStart) => ({
      kind: 'measured',
      measurement: await measureBatches(runner, jobs, spec.budget, spec.variant, coldStart),
    }));
  });
}

const report: ChildReport = await runCell().catch((error: unknown) => ({
  kind: 'failed' as const,
  status: statusOf(error),
  error: oneLine(error),
}));
// Exit once the message is out: a worker still tearing down must not hold the cell open.
process.send?.(report, () => process.exit(0));
