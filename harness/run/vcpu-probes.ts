// The host's speed on every vCPU around each cell. The cell's own probe runs on its main thread,
// on whichever vCPU that thread had: a host that slows the other vCPU for the whole of a cell, in
// round after round, slows a cell of two threads and not its sync cell, and no figure of the cell
// shows it but more CPU per task. One probe process pinned to each vCPU the run may use (`taskset`,
// Linux) times the same fixed work there before and after each cell (docs/methodology.md, "Rounds").
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { allowedCpus } from '../measure/allowed-cpus.js';

const probeChild = fileURLToPath(new URL('./vcpu-probe-child.js', import.meta.url));

/** Every vCPU's reading, MB/s, and the slowest and the fastest of them. */
export interface VcpuSpeeds {
  readonly slowestMbps: number;
  readonly fastestMbps: number;
  /** [vCPU, MB/s] for each vCPU probed. */
  readonly byCpu: readonly (readonly [cpu: number, mbps: number])[];
}

export class VcpuProbes {
  private constructor(
    private readonly cpus: readonly number[],
    private readonly probes: readonly ChildProcess[],
  ) {}

  /**
   * One pinned probe per vCPU this process may use. Undefined, and the rule that reads them off,
   * where there is no `taskset` or one vCPU only; where the vCPUs are not alike (cores of different
   * top frequencies: their speeds differ for good, not for the host's moments); and where more vCPUs
   * are allowed than Node says are available (a container's CPU quota: the probes would be throttled).
   */
  static start(): VcpuProbes | undefined {
    const cpus = allowedCpus();
    if (cpus.length < 2 || cpus.length > availableParallelism() || !alike(cpus)) return undefined;
    if (spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
    return new VcpuProbes(
      cpus,
      cpus.map((cpu) => {
        const probe = spawn('taskset', ['-c', String(cpu), process.execPath, probeChild], {
          stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
        });
        // A probe that cannot start, or dies, is no longer connected: `ask` reads NaN and the run goes on.
        probe.on('error', () => {});
        return probe;
      }),
    );
  }

  /** Every vCPU's reading at this moment; NaN for a probe that is gone. */
  async probe(): Promise<VcpuSpeeds> {
    const readings = await Promise.all(this.probes.map(ask));
    const finite = readings.filter(Number.isFinite);
    return finite.length < readings.length
      ? { slowestMbps: Number.NaN, fastestMbps: Number.NaN, byCpu: [] }
      : {
          slowestMbps: Math.min(...finite),
          fastestMbps: Math.max(...finite),
          byCpu: this.cpus.map((cpu, index) => [cpu, readings[index] ?? Number.NaN]),
        };
  }

  stop(): void {
    for (const probe of this.probes) probe.kill();
  }
}

/** Of two moments' readings, the slower slowest vCPU, the slower fastest and each vCPU's slower: what held through the cell between them. */
export function throughout(before: VcpuSpeeds, after: VcpuSpeeds): VcpuSpeeds {
  const afterOf = new Map(after.byCpu);
  return {
    slowestMbps: Math.min(before.slowestMbps, after.slowestMbps),
    fastestMbps: Math.min(before.fastestMbps, after.fastestMbps),
    byCpu: before.byCpu.flatMap(([cpu, mbps]) => {
      const later = afterOf.get(cpu);
      return later === undefined ? [] : [[cpu, Math.min(mbps, later)] as const];
    }),
  };
}

/**
 * The speed of the vCPUs a cell's threads ran on, weighted by where its CPU time went
 * (`cpuShares`, thread-placement.ts). CPU time accrues on a slowed vCPU as on any other, only
 * less work gets done in it, so the work the cell did per CPU-second is each vCPU's speed in
 * proportion to the time spent there: half its time on a vCPU 1.6× slower reads 1.23× slow,
 * as its throughput does. A vCPU the cell did not use counts not at all. NaN without shares, or
 * where a vCPU the cell used was not probed.
 */
export function speedWhereItRan(cpuShares: readonly (readonly [number, number])[], speeds: VcpuSpeeds): number {
  if (cpuShares.length === 0) return Number.NaN;
  const speedOf = new Map(speeds.byCpu);
  return cpuShares.reduce((sum, [cpu, share]) => sum + share * (speedOf.get(cpu) ?? Number.NaN), 0);
}

/** A probe answers in milliseconds; one that has not in this long is gone, as far as the run is concerned. */
const answerWithinMs = 2000;

/** The probe's reading, or NaN when it is gone: exited, disconnected, unable to take the message, or silent. */
function ask(probe: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (!probe.connected || probe.exitCode !== null) return resolve(Number.NaN);
    const done = (value: number) => {
      clearTimeout(timer);
      probe.off('message', onMessage);
      probe.off('exit', gone);
      probe.off('disconnect', gone);
      resolve(value);
    };
    const onMessage = (message: unknown) => done(typeof message === 'number' ? message : Number.NaN);
    const gone = () => done(Number.NaN);
    const timer = setTimeout(gone, answerWithinMs);
    probe.on('message', onMessage);
    probe.on('exit', gone);
    probe.on('disconnect', gone);
    probe.send('probe', (error) => {
      if (error) gone();
    });
  });
}

/** The vCPUs share a top frequency, where Linux says (cpufreq); a VM's vCPUs usually do not say, and are alike. */
function alike(cpus: readonly number[]): boolean {
  const frequencies = cpus.map((cpu) => {
    try {
      return readFileSync(`/sys/devices/system/cpu/cpu${cpu}/cpufreq/cpuinfo_max_freq`, 'utf8').trim();
    } catch {
      return undefined;
    }
  });
  return new Set(frequencies).size <= 1;
}
