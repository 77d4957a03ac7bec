// Every shipped scenario on its smallest params, on every pool and under every hand-off it declares,
// computes what the kernel computes on the main thread: the same digest, checked through real cell
// processes and workers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Handoff, handoffs } from '../harness/api/handoff.js';
import { defaultPool, type Pool, pools } from '../harness/api/pool.js';
import type { Variant } from '../harness/api/variant.js';
import { expandMatrix } from '../harness/plan/matrix.js';
import { importCompiled } from '../test/helpers.js';

const { runCellProcess } = await importCompiled<typeof import('../harness/run/run-cell.js')>('harness/run/run-cell.js');
const { builtInScenarioDir, findScenarioFiles, loadScenarios } =
  await importCompiled<typeof import('../harness/plan/scenario-loader.js')>('harness/plan/scenario-loader.js');
const loaded = await loadScenarios(findScenarioFiles(builtInScenarioDir));
const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-agree-'));
const budget = { tasks: 4, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 1 };

describe.each(loaded.map((l) => [l.scenario.name, l] as const))('scenario %s', (_name, { file, scenario }) => {
  const cells = expandMatrix([{ file, scenario }], { threads: [2], quick: true }).filter((cell) => cell.notApplicable === undefined);
  const workload = (name: string) => ({
    scenarioFile: file,
    params: cells[0]?.params ?? {},
    tmpDir: join(tmpDir, `${scenario.name}-${name}`),
  });

  it('has a threadpool form or says why not', () => {
    expect(scenario.runAsync !== undefined || (scenario.noThreadpoolForm?.length ?? 0) > 10).toBe(true);
  });

  // The kernel on a main thread, once per scenario: what every variant and pool must reproduce.
  let reference: ReturnType<typeof runCellProcess> | undefined;
  const agrees = async (variant: Variant, pool?: Pool, handoff?: Handoff) => {
    const name = [variant, pool, handoff].filter((part) => part !== undefined).join('-');
    reference ??= runCellProcess({ mode: 'reference', ...workload('reference'), tasks: budget.tasks }, { timeoutMs: 60_000 });
    const [expected, measured] = await Promise.all([
      reference,
      runCellProcess(
        {
          mode: 'measure',
          ...workload(name),
          variant,
          threads: variant === 'sync' ? 1 : 2,
          ...(pool ? { pool } : {}),
          ...(handoff ? { handoff } : {}),
          budget,
        },
        { timeoutMs: 60_000 },
      ),
    ]);
    expect(expected.kind, JSON.stringify(expected)).toBe('reference');
    expect(measured.kind, JSON.stringify(measured)).toBe('measured');
    if (expected.kind === 'reference' && measured.kind === 'measured') expect(measured.measurement.digest).toBe(expected.digest);
  };

  // Not the variants on the default pool and hand-off: `bench --quick` measures each at these params,
  // and bench-quick.test.ts requires every such cell ok, which a digest other than the main thread's
  // is not. The other pools side by side: four cell processes at once keep this file quick.
  it(`pooled on ${pools.filter((pool) => pool !== defaultPool).join(', ')} agrees with the kernel on the main thread`, async () => {
    await Promise.all(pools.filter((pool) => pool !== defaultPool).map((pool) => agrees('pooled', pool)));
  });

  // Every hand-off the scenario declares, on spawn-per-task and on every pool: the digest covers the bytes.
  const declared = handoffs.filter((handoff) => handoff !== 'clone' && scenario.handoff?.[handoff] !== undefined);
  it.each(declared)('under the %s hand-off, spawn-per-task and every pool agree with the kernel on the main thread', async (handoff) => {
    await Promise.all([agrees('spawn-per-task', undefined, handoff), ...pools.map((pool) => agrees('pooled', pool, handoff))]);
  });
});
