// Every shipped scenario × variant, on its smallest params, computes what the kernel computes on
// the main thread: the same digest, checked through real cell processes and workers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { variants, type CellSpec } from '../harness/cell.js';
import { expandMatrix } from '../harness/matrix.js';
import { importCompiled } from '../harness/testing.js';

const { runCellProcess } = await importCompiled<typeof import('../harness/run-cell.js')>('harness/run-cell.js');
const { builtInScenarioDir, findScenarioFiles, loadScenarios } =
  await importCompiled<typeof import('../harness/scenario-loader.js')>('harness/scenario-loader.js');
const loaded = await loadScenarios(findScenarioFiles(builtInScenarioDir));
const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-agree-'));
const budget = { tasks: 4, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 1 };

describe.each(loaded.map((l) => [l.scenario.name, l] as const))('scenario %s', (_name, { file, scenario }) => {
  const cells = expandMatrix([{ file, scenario }], { threads: [2], quick: true }).filter((cell) => cell.notApplicable === undefined);
  const spec = (variant: CellSpec['variant'], mode: CellSpec['mode']): CellSpec => ({
    mode, scenarioFile: file, params: cells[0]?.params ?? {}, variant, threads: variant === 'sync' ? 1 : 2, budget,
    tmpDir: join(tmpDir, `${scenario.name}-${variant}-${mode}`),
  });

  it('has a threadpool form or says why not', () => {
    expect(scenario.runAsync !== undefined || (scenario.noThreadpoolForm?.length ?? 0) > 10).toBe(true);
  });

  it.each(variants.filter((v) => cells.some((cell) => cell.variant === v)))('%s agrees with the kernel on the main thread', async (variant) => {
    const [reference, measured] = await Promise.all([
      runCellProcess(spec(variant, 'reference'), { timeoutMs: 60_000 }),
      runCellProcess(spec(variant, 'measure'), { timeoutMs: 60_000 }),
    ]);
    expect(reference.kind, JSON.stringify(reference)).toBe('reference');
    expect(measured.kind, JSON.stringify(measured)).toBe('measured');
    if (reference.kind === 'reference' && measured.kind === 'measured') expect(measured.measurement.digest).toBe(reference.digest);
  });
});
