// The process of one cell: a fresh Node, so UV_THREADPOOL_SIZE takes effect and no JIT or GC
// state leaks from the cell before. Reports one IPC message to the parent, then exits.
import type { CellSpec, ChildReport } from './cell.js';
import { digestOutputs } from './digest.js';
import { oneLine, statusOf } from './failure.js';
import { measureBatches } from './measure.js';
import { runners } from './runners/index.js';
import { loadScenarios } from './scenario-loader.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as CellSpec;

async function runCell(): Promise<ChildReport> {
  const [loaded] = await loadScenarios([spec.scenarioFile]);
  if (!loaded) throw new Error(`no scenario in ${spec.scenarioFile}`);
  const { scenario } = loaded;
  const fixture = await scenario.setup?.(spec.params, { tmpDir: spec.tmpDir, tasks: spec.budget.tasks });
  try {
    const jobs = Array.from({ length: spec.budget.tasks }, (_, index) => scenario.input(spec.params, index, fixture));
    if (spec.mode === 'reference') {
      return { kind: 'reference', digest: digestOutputs(jobs.map((job) => scenario.run(job))) };
    }
    const runner = runners[spec.variant]({ scenario, scenarioFile: spec.scenarioFile, threads: spec.threads });
    try {
      await runner.start();
      return { kind: 'measured', measurement: await measureBatches(runner, jobs, spec.budget) };
    } finally {
      await runner.stop();
    }
  } finally {
    await scenario.teardown?.(fixture);
  }
}

const report: ChildReport = await runCell().catch((error: unknown) => ({
  kind: 'failed' as const,
  status: statusOf(error),
  error: oneLine(error),
}));
// Exit once the message is out: a worker still tearing down must not hold the cell open.
process.send?.(report, () => process.exit(0));
