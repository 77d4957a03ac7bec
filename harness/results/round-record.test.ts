import { describe, expect, it } from 'vitest';
import { roundRecordsOf } from './round-record.js';

/** A measured round's row as the oldest cells files wrote it: no cpu_ms_per_task, host_mbps, cold or hand-off columns. */
const oldRow = {
  run_id: 'r',
  round: '2',
  timestamp: '2026-11-20T10:00:00.000Z',
  cell: 'pbkdf2/iterations=1000/pooled/2',
  scenario: 'pbkdf2',
  param_iterations: '1000',
  param_mode: '',
  variant: 'pooled',
  threads: '2',
  status: 'ok',
  error: '',
  throughput_median: '1800',
  cpu_user_ms: '90',
  cpu_sys_ms: '10',
  samples: '5',
  tasks: '4',
  latency_p50_ms: '1',
  latency_p99_ms: '2',
  eld_p99_ms: '1.2',
  eld_max_ms: '3',
  elu: '0.1',
  blocked_main: 'false',
  available_cores: '2',
};

describe('roundRecordsOf', () => {
  it('reads an older cells file: CPU time per task from the CPU time and tasks, absent figures as NaN', () => {
    const [round] = roundRecordsOf([oldRow]);
    expect(round).toMatchObject({
      round: 2,
      params: [['iterations', '1000']],
      threads: 2,
      pool: '',
      poolDefaultSize: false,
      machine: { availableCores: 2, nodeVersion: '' },
    });
    expect(round?.figures).toMatchObject({ throughput: 1800, cpuMsPerTask: 5, blockedMain: false });
    for (const absent of [round?.figures?.hostMbps, round?.figures?.cpuVsSync, round?.figures?.coldFirstMs, round?.figures?.handoffInMs]) {
      expect(absent).toBeNaN();
    }
  });

  it('prefers the written CPU time per task, and gives a round that did not measure no figures', () => {
    const [written, failed] = roundRecordsOf([
      { ...oldRow, cpu_ms_per_task: '7.5', host_mbps: '1500' },
      { ...oldRow, status: 'crashed', error: 'exit 1' },
    ]);
    expect(written?.figures).toMatchObject({ cpuMsPerTask: 7.5, hostMbps: 1500 });
    expect(failed).toMatchObject({ status: 'crashed', error: 'exit 1' });
    expect(failed?.figures).toBeUndefined();
  });
});
