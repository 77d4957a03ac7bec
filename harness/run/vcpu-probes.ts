// The host's speed on every vCPU around each cell. The cell's own probe runs on its main thread,
// on whichever vCPU that thread had: a host that slows the other vCPU for the whole of a cell, in
// round after round, slows a cell of two threads and not its sync cell, and no figure of the cell
// shows it but more CPU per task. One probe process pinned to each vCPU the run may use (`taskset`,
// Linux) times the same fixed work there before and after each cell (docs/methodology.md, "Rounds").
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const probeChild = fileURLToPath(new URL('./vcpu-probe-child.js', import.meta.url));

/** The slowest and the fastest vCPU's reading, MB/s. */
export interface VcpuSpeeds {
  readonly slowestMbps: number;
  readonly fastestMbps: number;
}

export class VcpuProbes {
  private constructor(private readonly probes: readonly ChildProcess[]) {}

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
      ? { slowestMbps: Number.NaN, fastestMbps: Number.NaN }
      : { slowestMbps: Math.min(...finite), fastestMbps: Math.max(...finite) };
  }

  stop(): void {
    for (const probe of this.probes) probe.kill();
  }
}

/** Of two moments' readings, the slower slowest vCPU and the slower fastest: what held through the cell between them. */
export function throughout(before: VcpuSpeeds, after: VcpuSpeeds): VcpuSpeeds {
  return { slowestMbps: Math.min(before.slowestMbps, after.slowestMbps), fastestMbps: Math.min(before.fastestMbps, after.fastestMbps) };
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

/** The vCPUs this process may run on: `Cpus_allowed_list` of /proc/self/status ("0-1,4"), or none off Linux. */
export function allowedCpus(): number[] {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return [];
  }
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? '';
  return list.split(',').flatMap((range) => {
    const [first, last = first] = range.split('-').map(Number);
    if (first === undefined || last === undefined || !Number.isInteger(first) || !Number.isInteger(last)) return [];
    return Array.from({ length: last - first + 1 }, (_, index) => first + index);
  });
}
