// The life of a cell's workload inside its process, shared by the bench's cell process and the
// load Doctor samples: the scenario loaded, its fixture set up and its jobs built, then torn down;
// the variant's runner started, then stopped, whatever happens in between.

import type { Params, Scenario } from '../api/scenario.js';
import type { Variant } from '../api/variant.js';
import type { ColdStart, Runner, RunnerContext } from '../measure/runner.js';
import { loadScenarios } from '../plan/scenario-loader.js';
import type { WorkloadSpec } from './cell-spec.js';
import { runners } from './runners/index.js';

type AnyScenario = Scenario<Params, unknown, unknown, unknown>;

export async function withWorkload<T>(
  spec: WorkloadSpec,
  use: (scenario: AnyScenario, jobs: readonly unknown[], freshJobs: () => unknown[]) => Promise<T>,
): Promise<T> {
  const [loaded] = await loadScenarios([spec.scenarioFile]);
  if (!loaded) throw new Error(`no scenario in ${spec.scenarioFile}`);
  const { scenario } = loaded;
  const fixture = await scenario.setup?.(spec.params, { tmpDir: spec.tmpDir, tasks: spec.tasks });
  try {
    const build = () => Array.from({ length: spec.tasks }, (_, index) => scenario.input(spec.params, index, fixture));
    return await use(scenario, build(), build);
  } finally {
    await scenario.teardown?.(fixture);
  }
}

/** For loads that time no cold start (a server, Doctor's steady load): a pool starts without a first burst. */
export const noColdStart: readonly unknown[] = [];

/** `jobs` are what a pool's cold start runs its first burst on; `use` hears how long that took. */
export async function withRunner<T>(
  variant: Variant,
  context: RunnerContext,
  jobs: readonly unknown[],
  use: (runner: Runner, coldStart: ColdStart | undefined) => Promise<T>,
): Promise<T> {
  const runner = runners[variant](context);
  try {
    const coldStart = await runner.start(jobs);
    return await use(runner, coldStart);
  } finally {
    await runner.stop();
  }
}
