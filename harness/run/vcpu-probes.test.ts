import { describe, expect, it } from 'vitest';
import { importCompiled } from '../../test/helpers.js';
import { allowedCpus } from '../measure/allowed-cpus.js';
import { speedWhereItRan, throughout } from './vcpu-probes.js';

// Compiled: the probe processes start from the probe child's JavaScript beside the module.
const { VcpuProbes } = await importCompiled<typeof import('./vcpu-probes.js')>('harness/run/vcpu-probes.js');

describe.runIf(process.platform === 'linux')('VcpuProbes', () => {
  it('reads every vCPU the process may use, from probe processes pinned to each, until stopped', async () => {
    const probes = VcpuProbes.start();
    // The suite's machines have two vCPUs or more and util-linux's taskset; without them there is nothing to probe.
    expect(probes).toBeDefined();
    try {
      const speeds = await probes?.probe();
      expect(speeds?.slowestMbps).toBeGreaterThan(0);
      expect(speeds?.fastestMbps).toBeGreaterThanOrEqual(speeds?.slowestMbps ?? Number.POSITIVE_INFINITY);
      // A reading for each vCPU it may use, each between the slowest and the fastest.
      expect(speeds?.byCpu.map(([cpu]) => cpu)).toEqual(allowedCpus());
      for (const [, mbps] of speeds?.byCpu ?? []) {
        expect(mbps).toBeGreaterThanOrEqual(speeds?.slowestMbps ?? Number.POSITIVE_INFINITY);
        expect(mbps).toBeLessThanOrEqual(speeds?.fastestMbps ?? 0);
      }
    } finally {
      probes?.stop();
    }
    // A probe that is gone reads NaN, never a stale figure.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await probes?.probe())?.slowestMbps).toBeNaN();
  });
});

describe('throughout', () => {
  it('keeps, of two moments, the slower reading of each end and of each vCPU', () => {
    const before = { slowestMbps: 900, fastestMbps: 1600, byCpu: [[0, 1600] as const, [1, 900] as const] };
    const after = { slowestMbps: 1400, fastestMbps: 1500, byCpu: [[0, 1400] as const, [1, 1500] as const] };
    expect(throughout(before, after)).toEqual({
      slowestMbps: 900,
      fastestMbps: 1500,
      byCpu: [
        [0, 1400],
        [1, 900],
      ],
    });
  });
});

describe('speedWhereItRan', () => {
  const speeds = { slowestMbps: 1000, fastestMbps: 1600, byCpu: [[0, 1600] as const, [1, 1000] as const] };

  it('is the speed of the one vCPU a cell ran on, whatever the others read', () => {
    expect(speedWhereItRan([[0, 1]], speeds)).toBe(1600);
    expect(speedWhereItRan([[1, 1]], speeds)).toBe(1000);
  });

  it('weighs the vCPUs by the share of the CPU time spent on each: half of it on one 1.6 times slower does 0.81 of the work', () => {
    const half: [number, number][] = [
      [0, 0.5],
      [1, 0.5],
    ];
    const mostlyFast: [number, number][] = [
      [0, 0.7],
      [1, 0.3],
    ];
    expect(speedWhereItRan(half, speeds)).toBeCloseTo(1300, 6);
    expect(speedWhereItRan(mostlyFast, speeds)).toBeCloseTo(1420, 6);
  });

  it('says nothing without shares, or where the cell ran on a vCPU not probed', () => {
    expect(speedWhereItRan([], speeds)).toBeNaN();
    expect(speedWhereItRan([[2, 1]], speeds)).toBeNaN();
  });
});
