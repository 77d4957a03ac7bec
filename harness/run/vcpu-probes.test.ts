import { describe, expect, it } from 'vitest';
import { importCompiled } from '../../test/helpers.js';
import { throughout } from './vcpu-probes.js';

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
    } finally {
      probes?.stop();
    }
    // A probe that is gone reads NaN, never a stale figure.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await probes?.probe())?.slowestMbps).toBeNaN();
  });
});

describe('throughout', () => {
  it('keeps, of two moments, the slower reading of each end', () => {
    expect(throughout({ slowestMbps: 900, fastestMbps: 1600 }, { slowestMbps: 1500, fastestMbps: 1400 })).toEqual({
      slowestMbps: 900,
      fastestMbps: 1400,
    });
  });
});
