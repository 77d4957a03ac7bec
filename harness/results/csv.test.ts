import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Measurement } from '../measure/measurement.js';
import type { CellRecord } from '../run/cell-record.js';
import { cellColumns, formatCsv, sampleColumns, toCellRow, toSampleRows } from './csv.js';
import type { RunMetadata } from './machine.js';
import { roundRecordOf, roundRecordsOf } from './round-record.js';

const meta: RunMetadata = {
  runId: 'run-1',
  gitCommit: 'abc123',
  nodeVersion: 'v20.0.0',
  v8Version: '11.3',
  os: 'Linux 6 x64',
  cpuModel: 'Test CPU, "quoted"',
  availableCores: 2,
};
const measurement: Measurement = {
  tasks: 8,
  batchMs: [40, 50],
  throughput: { mean: 180, ciLow: 150.5, ciHigh: 209.5, median: 180 },
  latencyP50Ms: 9.5,
  latencyP99Ms: 12.25,
  eldP50Ms: 1.01,
  eldP99Ms: 1.5,
  eldMaxMs: 3.25,
  elu: 0.05,
  eluP50: 0.04,
  workerBusyP50: 0.97,
  handoffInP50Ms: 0.021,
  handoffOutP50Ms: 0.0185,
  sameCpuShare: 0.125,
  migrationsPerTask: 0.01,
  switchesPerTask: 2.0625,
  cpuShares: [
    [0, 0.75],
    [1, 0.25],
  ],
  gcMaxMsPerSecond: 2.5,
  cpuUserMs: 170,
  cpuSystemMs: 10,
  mainCpuMs: 4,
  measuredMs: 95,
  peakRssMb: 60,
  hostMbps: 1500,
  coldFirstMs: 31.5,
  coldBurstMs: 40.25,
  digest: 'feed',
};
const pooled = {
  scenario: 'pbkdf2',
  scenarioFile: '/x.js',
  params: { iterations: 1000 },
  variant: 'pooled',
  pool: 'tinypool',
  handoff: 'transfer',
  threads: 2,
} as const;
const finishedAt = new Date('2026-01-02T03:04:05.000Z');
const records: CellRecord[] = [
  {
    cell: pooled,
    round: 1,
    outcome: { status: 'ok', measurement },
    derived: { speedupVsSync: 1.8, efficiency: 0.9 },
    vcpuSpeeds: {
      slowestMbps: 1200.5,
      fastestMbps: 1500.25,
      byCpu: [
        [0, 1500.25],
        [1, 1200.5],
      ],
    },
    vcpuCellMbps: 1421.5,
    finishedAt,
    wallMs: 900,
  },
  {
    cell: { ...pooled, threads: 4 },
    round: 1,
    outcome: { status: 'crashed', error: 'worker exited, with code 3\nand more' },
    derived: {},
    finishedAt,
    wallMs: 400,
  },
];

describe('cells CSV', () => {
  const columns = cellColumns(['iterations']);
  const text =
    formatCsv([], columns, true) +
    formatCsv(
      records.map((r) => toCellRow(r, meta)),
      columns,
      false,
    );
  const rows = parse(text, { columns: true }) as Record<string, string>[];

  it('writes a header of snake_case columns with param_<name> per parameter', () => {
    expect(text.split('\n')[0]).toBe(
      'run_id,round,timestamp,cell,scenario,param_iterations,variant,pool,handoff,threads,status,error,tasks,samples,throughput_mean,' +
        'throughput_ci95_low,throughput_ci95_high,throughput_median,latency_p50_ms,latency_p99_ms,eld_p50_ms,eld_p99_ms,' +
        'eld_max_ms,elu,elu_p50,gc_max_ms_per_s,blocked_main,gc_pressure,worker_busy_p50,handoff_in_ms,handoff_out_ms,' +
        'same_cpu_share,migrations_per_task,switches_per_task,workers_saturated,cpu_user_ms,cpu_sys_ms,measured_ms,cpu_ms_per_task,cpu_vs_sync,' +
        'main_cpu_ms_per_task,peak_rss_mb,host_mbps,vcpu_slowest_mbps,vcpu_fastest_mbps,vcpu_cell_mbps,cold_first_ms,cold_burst_ms,speedup_vs_sync,efficiency,digest,pool_version,pool_default_size,' +
        'git_commit,node_version,v8_version,os,cpu_model,available_cores',
    );
  });

  it('parses back to the measured figures and the run metadata', () => {
    expect(rows[0]).toMatchObject({
      cell: 'pbkdf2/iterations=1000/pooled:tinypool@transfer/2',
      param_iterations: '1000',
      variant: 'pooled',
      pool: 'tinypool',
      handoff: 'transfer',
      pool_version: '2.2.0',
      pool_default_size: 'false',
      threads: '2',
      cold_first_ms: '31.5',
      cold_burst_ms: '40.25',
      status: 'ok',
      error: '',
      samples: '2',
      throughput_mean: '180',
      throughput_ci95_low: '150.5',
      eld_max_ms: '3.25',
      elu_p50: '0.04',
      gc_max_ms_per_s: '2.5',
      blocked_main: 'false',
      gc_pressure: 'false',
      worker_busy_p50: '0.97',
      handoff_in_ms: '0.021',
      handoff_out_ms: '0.0185',
      vcpu_slowest_mbps: '1200.5',
      vcpu_fastest_mbps: '1500.25',
      same_cpu_share: '0.125',
      migrations_per_task: '0.01',
      switches_per_task: '2.0625',
      workers_saturated: 'true',
      speedup_vs_sync: '1.8',
      efficiency: '0.9',
      cpu_model: 'Test CPU, "quoted"',
      available_cores: '2',
      timestamp: '2026-01-02T03:04:05.000Z',
    });
  });

  it('reads back as the very rounds the run folded: a report of the file and the run\u2019s own summary agree', () => {
    // toEqual holds NaN equal to NaN: a figure absent from one side must be absent from the other.
    expect(roundRecordsOf(rows)).toEqual(records.map((record) => roundRecordOf(record, meta)));
  });

  it('writes a failed cell as a row with its status and error and no figures', () => {
    expect(rows[1]).toMatchObject({
      status: 'crashed',
      error: 'worker exited, with code 3\nand more',
      pool: 'tinypool',
      pool_version: '2.2.0',
      throughput_mean: '',
      cold_first_ms: '',
      speedup_vs_sync: '',
      blocked_main: '',
    });
  });
});

describe('samples CSV', () => {
  it('writes one row per measured batch, keyed to the cell, with tasks/s computed from the batch time', () => {
    const columns = sampleColumns(['iterations']);
    const text = formatCsv(
      records.flatMap((r) => toSampleRows(r, meta.runId)),
      columns,
      true,
    );
    expect(parse(text, { columns: true })).toEqual([
      {
        run_id: 'run-1',
        round: '1',
        cell: 'pbkdf2/iterations=1000/pooled:tinypool@transfer/2',
        scenario: 'pbkdf2',
        param_iterations: '1000',
        variant: 'pooled',
        pool: 'tinypool',
        handoff: 'transfer',
        threads: '2',
        sample: '1',
        tasks: '8',
        batch_ms: '40',
        throughput: '200',
      },
      {
        run_id: 'run-1',
        round: '1',
        cell: 'pbkdf2/iterations=1000/pooled:tinypool@transfer/2',
        scenario: 'pbkdf2',
        param_iterations: '1000',
        variant: 'pooled',
        pool: 'tinypool',
        handoff: 'transfer',
        threads: '2',
        sample: '2',
        tasks: '8',
        batch_ms: '50',
        throughput: '160',
      },
    ]);
  });
});
