import { describe, expect, it } from 'vitest';
import { foldRounds, placementDecides, placementEffectOf, placementOf, runToRunLogSd } from './fold-rounds.js';
import { type RoundRecord, roundRecordsOf } from './round-record.js';

/** One round of a cell, as its CSV row reads back: throughput (its median batch) and CPU time per task. */
function row(
  variant: string,
  threads: number,
  round: number,
  throughput: number,
  cpuMsPerTask: number,
  extra: Record<string, string> = {},
): RoundRecord {
  const [record] = roundRecordsOf([csvRow(variant, threads, round, throughput, cpuMsPerTask, extra)]);
  if (record === undefined) throw new Error('one row reads as one round');
  return record;
}

function csvRow(
  variant: string,
  threads: number,
  round: number,
  throughput: number,
  cpuMsPerTask: number,
  extra: Record<string, string>,
): Record<string, string> {
  return {
    run_id: 'r',
    round: String(round),
    cell: `s/n=1/${variant}/${threads}`,
    scenario: 's',
    param_n: '1',
    variant,
    threads: String(threads),
    status: 'ok',
    error: '',
    throughput_median: String(throughput),
    cpu_ms_per_task: String(cpuMsPerTask),
    latency_p50_ms: '1',
    latency_p99_ms: '2',
    eld_p99_ms: '1.2',
    eld_max_ms: '3',
    elu: '0.1',
    blocked_main: 'false',
    available_cores: '2',
    ...extra,
  };
}

/** What every interval allows for the run itself, as a factor either side of the estimate: e^(1.96 σ). */
const runAllowance = Math.exp(1.959963984540054 * runToRunLogSd);

describe('foldRounds', () => {
  // Round 2 of pooled ran on a core the host took away: a third slower, and a third more CPU per task.
  const rows = [
    row('sync', 1, 1, 100, 10),
    row('pooled', 2, 1, 190, 10.4),
    row('sync', 1, 2, 99, 10.1),
    row('pooled', 2, 2, 127, 13.9),
    row('sync', 1, 3, 101, 10),
    row('pooled', 2, 3, 198, 10.5),
  ];
  const [sync, pooled] = foldRounds(rows);

  it('sets aside a round that was both slower and hungrier for CPU by more than 10%, and takes the median of the rest', () => {
    // The median of two rounds is the middle of their logs: their geometric mean.
    expect(pooled?.figures).toMatchObject({ slowedRounds: [2], roundsUsed: 2, throughput: expect.closeTo(Math.sqrt(190 * 198), 6) });
    expect(sync?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 3, throughput: expect.closeTo(100, 9) });
  });

  it('is not moved by one round that drew a bad schedule, and calls the cell unstable for it', () => {
    // Round 4 ran 40% slower on the same CPU time per task: not a slowed core, so it is kept.
    const [cell] = foldRounds([
      row('pooled', 2, 1, 100, 10),
      row('pooled', 2, 2, 101, 10),
      row('pooled', 2, 3, 99, 10),
      row('pooled', 2, 4, 60, 10.2),
    ]);
    expect(cell?.figures).toMatchObject({
      slowedRounds: [],
      roundsUsed: 4,
      throughput: expect.closeTo(Math.sqrt(99 * 100), 6),
      unstable: true,
    });
    expect(cell?.figures?.throughputCiLow).toBeLessThan(90);
  });

  it('gives the speedup paired: the median of each round\u2019s ratio to the sync cell of the same round', () => {
    const f = pooled?.figures;
    // Round 2 of pooled is set aside, so rounds 1 and 3 pair: 190/100 and 198/101.
    expect(f?.speedup).toBeCloseTo(Math.sqrt((190 / 100) * (198 / 101)), 6);
    expect(f?.speedupCiLow).toBeLessThan(f?.speedup ?? 0);
    expect(f?.speedupCiHigh).toBeGreaterThan(f?.speedup ?? Infinity);
    expect(f?.efficiency).toBeCloseTo((f?.speedup ?? 0) / 2, 10);
    expect(f?.cpuVsSync).toBeCloseTo(10.45 / 10, 6);
    expect(sync?.figures).toMatchObject({ speedup: 1, cpuVsSync: 1 });
  });

  it('pairs away a round the host slowed for both cells, where the ratio of medians would not', () => {
    // Round 2 ran 30% slower for sync and pooled alike, on the same CPU time per task.
    const paired = foldRounds([
      row('sync', 1, 1, 100, 10),
      row('pooled', 2, 1, 150, 10),
      row('sync', 1, 2, 70, 10),
      row('pooled', 2, 2, 105, 10),
      row('sync', 1, 3, 101, 10),
      row('pooled', 2, 3, 152, 10),
      row('sync', 1, 4, 99, 10),
      row('pooled', 2, 4, 148, 10),
    ])[1]?.figures;
    expect(paired?.speedup).toBeCloseTo(1.5, 2);
    // Not much wider than what every interval allows for the run itself.
    expect((paired?.speedupCiHigh ?? Infinity) / (paired?.speedupCiLow ?? 0)).toBeLessThan(runAllowance ** 2 * 1.01);
    // Its throughput's interval still holds the slowed round, and says so.
    expect(paired?.throughputCiLow).toBeLessThan(130);
    expect(paired?.unstable).toBe(true);
  });

  it('falls back to the ratio of the two medians where rounds do not pair', () => {
    const [, cell] = foldRounds([
      row('sync', 1, 1, 100, 10),
      row('sync', 1, 2, 100, 10),
      row('pooled', 2, 3, 150, 10),
      row('pooled', 2, 4, 150, 10),
    ]);
    expect(cell?.figures?.speedup).toBeCloseTo(1.5, 9);
  });

  it('calls a cell unstable when its speedup\u2019s interval is wide though its throughput\u2019s is not', () => {
    // pooled steady; sync's rounds scatter by ±15%.
    const [, cell] = foldRounds(
      [100, 130, 85, 115, 90].flatMap((speed, index) => [row('sync', 1, index + 1, speed, 10), row('pooled', 2, index + 1, 150, 10)]),
    );
    expect(cell?.figures?.throughputCiHigh).toBeCloseTo(150 * runAllowance, 6);
    expect(cell?.figures?.unstable).toBe(true);
  });

  it('widens every interval by what varies between runs, which identical rounds cannot show', () => {
    const [sync, pooled] = foldRounds([1, 2, 3].flatMap((round) => [row('sync', 1, round, 100, 10), row('pooled', 2, round, 180, 10)]));
    expect(sync?.figures).toMatchObject({
      throughputCiLow: expect.closeTo(100 / runAllowance, 9),
      throughputCiHigh: expect.closeTo(100 * runAllowance, 9),
    });
    expect(pooled?.figures).toMatchObject({
      speedupCiLow: expect.closeTo(1.8 / runAllowance, 9),
      speedupCiHigh: expect.closeTo(1.8 * runAllowance, 9),
    });
    expect(pooled?.figures?.unstable).toBe(false);
  });

  it('calls a speedup unsure from fewer than three paired rounds, however well they agree', () => {
    // Four rounds of each, but sync's round 1 and pooled's round 4 ran on a slowed core: two pair.
    const [, pooledCell] = foldRounds([
      row('sync', 1, 1, 70, 14),
      row('pooled', 2, 1, 150, 10),
      ...[2, 3].flatMap((round) => [row('sync', 1, round, 100, 10), row('pooled', 2, round, 150 + round / 100, 10)]),
      row('sync', 1, 4, 101, 10),
      row('pooled', 2, 4, 105, 14),
    ]);
    expect(pooledCell?.figures).toMatchObject({ roundsUsed: 3, unstable: true });
    expect((pooledCell?.figures?.speedupCiHigh ?? Infinity) / (pooledCell?.figures?.speedupCiLow ?? 0)).toBeLessThan(
      runAllowance ** 2 * 1.01,
    );
  });

  it('calls a speedup unsure when the variant spent less CPU per task than sync: the two sides ran at different speeds', () => {
    // Steady rounds, but sync needed 20% more CPU per task than the same kernel in a worker.
    const cells = (syncCpu: number) =>
      foldRounds([1, 2, 3, 4].flatMap((round) => [row('sync', 1, round, 100, syncCpu), row('pooled', 1, round, 120, 10)]))[1];
    expect(cells(12)?.figures).toMatchObject({ cpuVsSync: expect.closeTo(10 / 12, 6), unstable: true });
    expect(cells(10)?.figures).toMatchObject({ cpuVsSync: 1, unstable: false });
  });

  it('sets aside a round whose host probe read slow by the run\u2019s usual speed, and marks a cell slowed in every round', () => {
    const host = (mbps: number) => ({ host_mbps: String(mbps) });
    const [sync, pooled, steadyButSlow] = foldRounds([
      // Round 2 of sync: the probe read half the usual speed; by its own rounds it would pass.
      ...[1, 2, 3, 4].flatMap((round) => [
        row('sync', 1, round, round === 2 ? 95 : 100, 10, host(round === 2 ? 700 : 1500)),
        row('pooled', 2, round, 190, 10, host(1480)),
      ]),
      // Every round in an episode: steady among themselves, so only the probe can tell.
      ...[1, 2, 3].map((round) => row('libuv-async', 2, round, 120, 10, host(800))),
    ]);
    expect(sync?.figures).toMatchObject({ slowedRounds: [2], hostSlowed: false });
    expect(pooled?.figures).toMatchObject({ slowedRounds: [], hostSlowed: false, unstable: false });
    expect(steadyButSlow?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 3, hostSlowed: true, unstable: true });
  });

  it('keeps every round, and calls the cell unsure, when each round is set aside by one sign or the other', () => {
    const host = (mbps: number) => ({ host_mbps: String(mbps) });
    const [sync] = foldRounds([
      // Round 1: the probe read slow; round 2: more CPU time per task for less throughput.
      row('sync', 1, 1, 100, 10, host(700)),
      row('sync', 1, 2, 55, 19, host(1500)),
      row('pooled', 2, 1, 150, 10, host(1500)),
      row('pooled', 2, 2, 150, 10, host(1500)),
    ]);
    expect(sync?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 2, hostSlowed: true, unstable: true });
    expect(sync?.figures?.eldP99Ms).not.toBeNaN();
  });

  it('sets nothing aside by the probe in a CSV from before it', () => {
    const [cell] = foldRounds([1, 2, 3].map((round) => row('sync', 1, round, 100, 10)));
    expect(cell?.figures).toMatchObject({ slowedRounds: [], hostSlowed: false });
  });

  it('does not let one lucky round make the others look slowed', () => {
    const [cell] = foldRounds([
      row('pooled', 2, 1, 250, 7),
      row('pooled', 2, 2, 190, 10),
      row('pooled', 2, 3, 192, 10),
      row('pooled', 2, 4, 188, 10.2),
    ]);
    expect(cell?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 4 });
  });

  it('sets no round aside when more than a third carry both marks: the workload varies so, not the host', () => {
    // A no-op hand-off's rounds (pools measured 2026-11-30): the slower a round, the more CPU per
    // task it spent waking threads. Setting five of eight aside kept only the fastest three.
    const speeds = [41971, 41049, 58878, 27411, 63987, 41827, 36082, 59779];
    const cpuPerTask = speeds.map((speed) => 2_000_000 / speed / 1000);
    const [cell] = foldRounds(speeds.map((speed, index) => row('pooled', 2, index + 1, speed, cpuPerTask[index] ?? 0)));
    expect(cell?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 8 });
    expect(cell?.figures?.throughput).toBeCloseTo(Math.sqrt(41827 * 41971), 6);
    // Two of eight with both marks: within what the host's episodes explain, set aside.
    const twoSlowed = foldRounds(
      [100, 101, 99, 100, 80, 100, 79, 101].map((speed, index) => row('pooled', 2, index + 1, speed, speed < 90 ? 13 : 10)),
    );
    expect(twoSlowed[0]?.figures).toMatchObject({ slowedRounds: [5, 7], roundsUsed: 6 });
  });

  it('sets aside every slowed round of a cell whose CPU goes to its kernel, however many', () => {
    // A noisy hour (2026-12-02): two of a pbkdf2 sync cell's five rounds ran 1.2x and 1.4x slower on as much more CPU per task.
    const speeds = [40.0, 45.5, 44.7, 32.0, 46.1];
    const cpu = [25.4, 22.0, 22.4, 31.3, 21.7];
    const [sync] = foldRounds(speeds.map((speed, index) => row('sync', 1, index + 1, speed, cpu[index] ?? 0)));
    expect(sync?.figures).toMatchObject({ slowedRounds: [1, 4], roundsUsed: 3 });
    // A pooled cell whose CPU per task is its sync cell's, near enough: the same.
    const [pooled] = foldRounds(
      speeds.map((speed, index) => row('pooled', 2, index + 1, speed * 2, cpu[index] ?? 0, { cpu_vs_sync: '1.05' })),
    );
    expect(pooled?.figures).toMatchObject({ slowedRounds: [1, 4], roundsUsed: 3 });
    // A hand-off's CPU per task (10x sync's) keeps the guard: its marks are the workload's.
    const [handoff] = foldRounds(speeds.map((speed, index) => row('pooled', 2, index + 1, speed, cpu[index] ?? 0, { cpu_vs_sync: '10' })));
    expect(handoff?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 5 });
  });

  it("keeps a kernel's slow process level, whose extra CPU went to the system, and sets aside the host's, which stretched user and system alike", () => {
    // prime-sieve 2M's sync rounds, one calibration run (2026-12-03 19:01): 6.6 ms a task with no
    // system time, or 12.5 ms with a fifth of it the system's, as glibc's allocator falls per process.
    const cpuSplit = (cpuMs: number, systemShare: number) => ({
      cpu_user_ms: String(cpuMs * (1 - systemShare) * 100),
      cpu_sys_ms: String(cpuMs * systemShare * 100),
    });
    // The fast rounds third and fifth: the reference is a round, not a place in the sorted order.
    const levels: [number, number, number][] = [
      [88, 11.7, 0.28],
      [80, 12.6, 0.22],
      [153, 6.6, 0],
      [80, 12.5, 0.3],
      [152, 6.6, 0],
    ];
    const [level] = foldRounds(levels.map(([speed, cpu, share], index) => row('sync', 1, index + 1, speed, cpu, cpuSplit(cpu, share))));
    expect(level?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 5, unstable: true });
    // The same speeds with the system's share unchanged: the host's, set aside.
    const [host] = foldRounds(levels.map(([speed, cpu], index) => row('sync', 1, index + 1, speed, cpu, cpuSplit(cpu, 0.01))));
    expect(host?.figures).toMatchObject({ slowedRounds: [1, 2, 4], roundsUsed: 2 });
    // A file without the CPU split: every mark stands, as before.
    const [older] = foldRounds(levels.map(([speed, cpu], index) => row('sync', 1, index + 1, speed, cpu)));
    expect(older?.figures).toMatchObject({ slowedRounds: [1, 2, 4] });
    // pbkdf2 1000's sync rounds (19:48, run 7): a slowed round's share rose 6 points, from a few
    // milliseconds of system time, but nearly all its extra CPU was the user's: the host's.
    const subMs: [number, number, number][] = [
      [1301, 0.81, 0.065],
      [2340, 0.43, 0.001],
      [2350, 0.43, 0.002],
      [2330, 0.44, 0.001],
    ];
    const [host2] = foldRounds(subMs.map(([speed, cpu, share], index) => row('sync', 1, index + 1, speed, cpu, cpuSplit(cpu, share))));
    expect(host2?.figures).toMatchObject({ slowedRounds: [1], roundsUsed: 3 });
  });

  it('keeps a round whose CPU time per task rose while its throughput did not: ordinary variation, not theft', () => {
    const [cell] = foldRounds([row('pooled', 2, 1, 190, 10), row('pooled', 2, 2, 188, 12), row('pooled', 2, 3, 192, 10)]);
    expect(cell?.figures).toMatchObject({ slowedRounds: [], roundsUsed: 3 });
  });

  it('calls a cell unstable when its interval is wider than ±10%, or a single round was usable', () => {
    expect(sync?.figures?.unstable).toBe(false);
    // Two usable rounds 4% apart: t(0.975, 1) = 12.7 makes that a wide interval.
    expect(pooled?.figures?.unstable).toBe(true);
    const [single] = foldRounds([row('sync', 1, 1, 100, 10)]);
    expect(single?.figures).toMatchObject({ unstable: true, throughputCiHigh: Infinity });
  });

  it('fails a cell that any round failed, with that round\u2019s status and error', () => {
    const [cell] = foldRounds([row('sync', 1, 1, 100, 10), { ...row('sync', 1, 2, 100, 10), status: 'timeout', error: 'too slow' }]);
    expect(cell).toMatchObject({ status: 'timeout', error: 'too slow', rounds: 2 });
    expect(cell?.figures).toBeUndefined();
  });

  it('calls the main thread blocked when any round was', () => {
    const [cell] = foldRounds([row('sync', 1, 1, 100, 10), row('sync', 1, 2, 100, 10, { blocked_main: 'true' })]);
    expect(cell?.figures?.blockedMain).toBe(true);
  });

  describe('thread placement', () => {
    /** Five paired rounds of a cell handed to threads, each with its same-CPU share; sync at `syncRate` tasks/s. */
    const handedOff = (syncRate: number, speedup: number, shares: readonly number[]) =>
      foldRounds(
        shares.flatMap((share, index) => [
          row('sync', 1, index + 1, syncRate, 1000 / syncRate),
          row('pooled', 1, index + 1, syncRate * speedup * (1 + index / 1000), 2000 / syncRate, { same_cpu_share: String(share) }),
        ]),
      )[1]?.figures;
    const apart = [0.1, 0.1, 0.2, 0, 0.1];

    it('reads the rounds’ placement from their same-CPU shares: alike in every round, or split', () => {
      expect(placementOf(apart)).toBe('apart');
      expect(placementOf([0.7, 0.9, 1])).toBe('same-cpu');
      expect(placementOf([0.5, 0.44, 0.5])).toBe('mixed');
      expect(placementOf([0.1, 0.8, Number.NaN])).toBe('split');
      expect(placementOf([Number.NaN])).toBe('');
    });

    it('calls a short task’s tight speedup unsure when all its rounds shared one placement, or when they split', () => {
      // 20 000 tasks/s on the main thread: 0.05 ms a task. Rounds agree to 0.4%: the interval is tight.
      expect(handedOff(20_000, 0.6, apart)).toMatchObject({ placement: 'apart', decidedByPlacement: true, unstable: true });
      expect(handedOff(20_000, 0.6, [0.9, 0.1, 0.2, 0, 0.1])).toMatchObject({
        placement: 'split',
        decidedByPlacement: true,
        unstable: true,
      });
    });

    it('keeps a speedup whose task is long enough for a wake-up to be lost in it, split or not', () => {
      // 2 000 tasks/s: 0.5 ms a task, where the other placement moves it about 2%.
      expect(handedOff(2000, 0.6, apart)).toMatchObject({ placement: 'apart', decidedByPlacement: false, unstable: false });
      expect(handedOff(2000, 0.6, [0.9, 0.1, 0.2, 0, 0.1])).toMatchObject({ placement: 'split', decidedByPlacement: false });
      expect(placementDecides('', placementEffectOf('', 0.01), { value: 0.5, low: 0.4, high: 0.6 })).toBe(false);
      // A wide interval already holds the other placement: a no-op's at most twice.
      expect(placementDecides('same-cpu', placementEffectOf('same-cpu', 0.001), { value: 1, low: 0.45, high: 2.1 })).toBe(false);
      expect(placementDecides('same-cpu', placementEffectOf('same-cpu', 0.001), { value: 1, low: 0.55, high: 2.1 })).toBe(true);
    });
  });

  it('sets aside the rounds of a cell whose other vCPU the host slowed, though its main thread’s probe read full speed', () => {
    const probes = (slowest: number) => ({ host_mbps: '1600', vcpu_slowest_mbps: String(slowest), vcpu_fastest_mbps: '1600' });
    const rounds = [1, 2, 3, 4, 5].flatMap((round) => [
      row('sync', 1, round, 100, 10, probes(1580)),
      // Rounds 2 and 4: one vCPU at half speed through the cell; more CPU per task, less throughput, in both.
      row('pooled', 2, round, round % 2 === 0 ? 140 : 190, round % 2 === 0 ? 13 : 10.4, probes(round % 2 === 0 ? 800 : 1590)),
    ]);
    const [, pooled] = foldRounds(rounds);
    expect(pooled?.figures).toMatchObject({ slowedRounds: [2, 4], roundsUsed: 3 });
    // A whole run on a lopsided host: every round of the cell marked, none better to keep, the cell unsure.
    const lopsided = foldRounds(
      [1, 2, 3].flatMap((round) => [row('sync', 1, round, 100, 10, probes(1600)), row('pooled', 2, round, 140, 13, probes(700))]),
    );
    expect(lopsided[1]?.figures).toMatchObject({ hostSlowed: true, unstable: true });
  });

  it('judges a cell by the vCPUs its threads ran on, where the rows say: a slowed vCPU it hardly used sets nothing aside', () => {
    const probes = (slowest: number, cell: number) => ({
      host_mbps: '1600',
      vcpu_slowest_mbps: String(slowest),
      vcpu_fastest_mbps: '1600',
      vcpu_cell_mbps: String(cell),
    });
    const fold = (cellMbps: (round: number) => number) =>
      foldRounds(
        [1, 2, 3, 4, 5].flatMap((round) => [
          row('sync', 1, round, 100, 10, probes(1580, Number.NaN)),
          // Every round, one vCPU at half speed; the cell's worker on the other in rounds 1, 3 and 5.
          row('pooled', 1, round, 95, 10.5, probes(800, cellMbps(round))),
        ]),
      )[1]?.figures;
    expect(fold(() => 1590)).toMatchObject({ slowedRounds: [], roundsUsed: 5, hostSlowed: false });
    expect(fold((round) => (round % 2 === 0 ? 900 : 1590))).toMatchObject({ slowedRounds: [2, 4], roundsUsed: 3 });
    // Half the cell's time on the slowed vCPU: 1 200 MB/s, a quarter of its work lost, though no vCPU of its read 1.25x below the other.
    expect(fold((round) => (round % 2 === 0 ? 1200 : 1590))).toMatchObject({ slowedRounds: [2, 4], roundsUsed: 3 });
  });
});
