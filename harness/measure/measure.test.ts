// The physics the event-loop probe must see, on a kernel that spins a known 20 ms, and what it must
// not see: the harness's own work between batches.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, importCompiled } from '../../test/helpers.js';
import type { Params, Scenario } from '../api/scenario.js';
import type { Variant } from '../api/variant.js';
import type { SampleBudget } from '../plan/budget.js';
import type { CellSpec } from '../run/cell-spec.js';
import { digestOutputs } from './digest.js';
import { judgeLoop } from './loop-verdict.js';
import type { Measurement } from './measurement.js';

const { runCellProcess } = await importCompiled<typeof import('../run/run-cell.js')>('harness/run/run-cell.js');

const taskMs = 20;
const tmpDir = mkdtempSync(join(tmpdir(), 'threadbench-measure-'));

async function measure(
  variant: Variant,
  budget: SampleBudget,
  fixture = 'spin',
  params: Params = { task_ms: taskMs },
): Promise<Measurement> {
  const spec: CellSpec = { mode: 'measure', scenarioFile: join(fixturesDir, `${fixture}.js`), params, variant, threads: 1, budget, tmpDir };
  const report = await runCellProcess(spec, { timeoutMs: 60_000 });
  if (report.kind !== 'measured') throw new Error(`expected a measurement, got ${JSON.stringify(report)}`);
  return report.measurement;
}

describe('event-loop probes', async () => {
  // One batch of one task: the block is recorded only if the probe's timer gets a turn after
  // the task and before the histogram is read, the trap measureBatches must avoid.
  const single = await measure('sync', { tasks: 1, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 1 });
  const [sync, pooled] = [
    await measure('sync', { tasks: 4, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 3 }),
    await measure('pooled', { tasks: 4, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 3 }),
  ];

  it('records the block of the very last task before reading the histogram', () => {
    expect(single.eldMaxMs).toBeGreaterThanOrEqual(taskMs * 0.9);
  });

  it('shows sync blocking the main thread for at least one task, fully utilized', () => {
    expect(sync.eldMaxMs).toBeGreaterThanOrEqual(sync.latencyP50Ms * 0.9);
    expect(sync.elu).toBeGreaterThan(0.8);
  });

  it('shows pooled keeping the main thread responsive: p99 delay far below one task', () => {
    expect(pooled.eldP99Ms).toBeLessThan(taskMs / 2);
    expect(pooled.elu).toBeLessThan(0.5);
  });

  it("gives Doctor's verdict from the cell's own figures: sync blocks the main thread, pooled does not", () => {
    expect(judgeLoop(sync).blockedMain).toBe(true);
    expect(sync.eluP50).toBeGreaterThan(0.8);
    expect(judgeLoop(pooled).blockedMain).toBe(false);
  });

  it("times the kernel inside the worker: pooled's one worker is busy nearly all the time, sync has no workers", () => {
    // A 20 ms spin against a hand-off well under a millisecond: busy ≈ 0.95+, far above 0.8.
    expect(pooled.workerBusyP50).toBeGreaterThan(0.8);
    expect(pooled.workerBusyP50).toBeLessThanOrEqual(1.01);
    expect(sync.workerBusyP50).toBeNaN();
    expect(judgeLoop(sync).workersSaturated).toBeUndefined();
  });

  it('keeps every timed batch: of three measured batches, the first and the third (the second ran the probe)', () => {
    expect(sync.batchMs).toHaveLength(2);
    expect(pooled.tasks).toBe(4);
    expect(sync.digest).toBe(pooled.digest);
  });
});

describe('the main thread as a threadpool form that is not one leaves it', async () => {
  // runAsync spins on the main thread inside an async function: the batch is one promise chain
  // that never yields, so a timer-driven delay probe that only samples its own ticks sees nothing.
  const fake = await measure('libuv-async', { tasks: 4, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 3 }, 'fake-async');

  it('reads at least one task of stall, and calls the main thread blocked', () => {
    expect(fake.eldMaxMs).toBeGreaterThanOrEqual(fake.latencyP50Ms * 0.9);
    expect(fake.eldP99Ms).toBeGreaterThanOrEqual(fake.latencyP50Ms * 0.9);
    expect(judgeLoop(fake).blockedMain).toBe(true);
  });
});

describe("the harness's own work between batches", async () => {
  // Outputs that cost nothing to make and much to digest, behind a threadpool form that leaves the
  // main thread idle: digesting them inside the measured window would show as delay and utilization.
  const tasks = 4;
  const cell = await measure('libuv-async', { tasks, warmupMs: 0, warmupBatches: 1, timeMs: 0, minSamples: 3 }, 'costly-digest', {
    size: 1,
  });
  const fixture = await importCompiled<{ default: Scenario<Params, number, Uint8Array> }>('test/fixtures/scenarios/costly-digest.js');
  const outputs = Array.from({ length: tasks }, (_, index) => fixture.default.run(index));
  const started = performance.now();
  digestOutputs(outputs);
  const digestMs = performance.now() - started;

  it('is not charged to the variant: the loop stays responsive and mostly idle', () => {
    expect(cell.eldMaxMs).toBeLessThan(digestMs / 2);
    expect(cell.elu).toBeLessThan(0.5);
  });
});
