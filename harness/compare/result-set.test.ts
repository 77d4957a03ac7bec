import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../plan/errors.js';
import { commonRounds, nodeSide, nodesOf, poolSide, type ResultSet, readResultSet, type SideCell } from './result-set.js';

const header =
  'run_id,round,timestamp,cell,scenario,param_n,variant,threads,status,error,throughput_mean,throughput_median,speedup_vs_sync,efficiency,eld_p99_ms,node_version,cpu_model,available_cores';
const row = (round: number, variant: string, threads: number, efficiency: string, eld: string) =>
  `r,${round},t,s/n=1/${variant}/${threads},s,1,${variant},${threads},ok,,0,0,0,${efficiency},${eld},v20,CPU,2`;
const sample = (round: number, variant: string, threads: number, index: number, throughput: number) =>
  `r,${round},s/n=1/${variant}/${threads},${index},${throughput}`;

function writeResults(): string {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-resultset-'));
  const path = join(dir, 'two-rounds.csv');
  writeFileSync(
    path,
    [
      header,
      row(1, 'sync', 1, '1', '20'),
      row(1, 'pooled', 2, '0.9', '2'),
      row(2, 'sync', 1, '1', '30'),
      row(2, 'pooled', 2, '0.7', '4'),
      '',
    ].join('\n'),
  );
  writeFileSync(
    path.replace(/\.csv$/, '.samples.csv'),
    [
      'run_id,round,cell,sample,throughput',
      sample(1, 'sync', 1, 1, 100),
      sample(1, 'sync', 1, 2, 100),
      sample(1, 'pooled', 2, 1, 180),
      sample(1, 'pooled', 2, 2, 190),
      sample(1, 'pooled', 2, 3, 200),
      sample(2, 'sync', 1, 1, 50),
      sample(2, 'sync', 1, 2, 70),
      sample(2, 'pooled', 2, 1, 120),
      '',
    ].join('\n'),
  );
  return path;
}

describe('readResultSet', () => {
  const set = readResultSet([writeResults()], 'base');
  const pooled = set.cells.get('s/n=1/pooled/2');

  it('takes one median of the batches per round', () => {
    expect(pooled?.roundThroughput).toEqual([190, 120]);
  });

  it('divides by the sync median of the same round, not of another', () => {
    expect(pooled?.roundSpeedup).toEqual([1.9, 2]);
  });

  it('reports efficiency and event-loop p99 as medians over rounds', () => {
    expect(pooled?.efficiency).toBeCloseTo(0.8, 10);
    expect(pooled?.eldP99Ms).toBe(3);
  });

  it('refuses a file that is not a threadbench result, naming the missing columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-resultset-'));
    writeFileSync(join(dir, 'x.csv'), 'a,b\n1,2\n');
    writeFileSync(join(dir, 'x.samples.csv'), 'a\n1\n');
    expect(() => readResultSet([join(dir, 'x.csv')], 'head')).toThrow(UsageError);
  });

  it('fails a cell that a round file lacks, since that round did not finish it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'threadbench-resultset-'));
    const round = (n: number, variants: string[]) => {
      const path = join(dir, `head-${n}.csv`);
      writeFileSync(path, [header, ...variants.map((variant) => row(n, variant, variant === 'sync' ? 1 : 2, '1', '2')), ''].join('\n'));
      const samples = variants.flatMap((variant) => [1, 2].map((index) => sample(n, variant, variant === 'sync' ? 1 : 2, index, 100)));
      writeFileSync(path.replace(/\.csv$/, '.samples.csv'), ['run_id,round,cell,sample,throughput', ...samples, ''].join('\n'));
      return path;
    };
    // Round 2 crashed after its sync cell: its file has no pooled row.
    const set = readResultSet([round(1, ['sync', 'pooled']), round(2, ['sync'])], 'head');
    expect(set.cells.get('s/n=1/sync/1')?.status).toBe('ok');
    expect(set.cells.get('s/n=1/pooled/2')).toMatchObject({ status: 'failed', error: `absent from ${join(dir, 'head-2.csv')}` });
  });
});

describe('two pools of one run as two sides', () => {
  const cell = (id: string, variant: string, throughputs: number[]): [string, SideCell] => [
    id,
    {
      id,
      scenario: 's',
      variant,
      threads: 2,
      status: 'ok',
      error: '',
      roundThroughput: throughputs,
      roundSpeedup: throughputs.map((t) => t / 100),
      roundTimes: throughputs.map((_, index) => index * 10 + (variant === 'pooled' ? 0 : 1)),
    },
  ];
  const run: ResultSet = {
    paths: ['run.csv'],
    schema: [],
    machine: 'm',
    cells: new Map([
      cell('s/n=1/sync/1', 'sync', [100, 100, 100]),
      cell('s/n=1/pooled/2', 'pooled', [190, 180, 185]),
      // A follow-up round re-measured only this cell.
      cell('s/n=1/pooled:tinypool/2', 'pooled:tinypool', [170, 175, 172, 171]),
    ]),
  };

  it('keys each pool’s cells as plain pooled cells, and leaves the other pools and variants out', () => {
    expect([...poolSide(run, 'tinypool').cells.keys()]).toEqual(['s/n=1/pooled/2']);
    expect(poolSide(run, 'tinypool').cells.get('s/n=1/pooled/2')?.roundThroughput).toEqual([170, 175, 172, 171]);
    expect(poolSide(run, 'piscina').cells.get('s/n=1/pooled/2')?.roundThroughput).toEqual([190, 180, 185]);
  });

  it('cuts both sides to the rounds both have, so that round i pairs with round i', () => {
    const [base, head] = commonRounds(poolSide(run, 'piscina'), poolSide(run, 'tinypool'));
    expect(head.cells.get('s/n=1/pooled/2')?.roundThroughput).toEqual([170, 175, 172]);
    expect(base.cells.get('s/n=1/pooled/2')?.roundTimes).toHaveLength(3);
  });
});

describe('nodeSide and nodesOf', () => {
  const cell = (id: string): [string, SideCell] => [
    id,
    { id, scenario: 's', variant: 'sync', threads: 1, status: 'ok', error: '', roundThroughput: [1], roundSpeedup: [1], roundTimes: [0] },
  ];
  const run: ResultSet = {
    paths: ['run.csv'],
    schema: [],
    machine: 'm',
    cells: new Map([
      cell('s/n=1,node=22.1.0/sync/1'),
      cell('s/n=1,node=20.9.0/sync/1'),
      cell('noop/node=22.1.0/pooled/2'),
      cell('noop/node=20.9.0/pooled/2'),
      // A version whose digits another's extend: matched whole, not as a prefix.
      cell('noop/node=22.1.01/pooled/2'),
    ]),
  };

  it('lists the Nodes the cells name', () => {
    expect(nodesOf(run)).toEqual(['22.1.0', '20.9.0', '22.1.01']);
  });

  it('keys one Node’s cells as a one-Node run keys them, with or without parameters', () => {
    expect([...nodeSide(run, '22.1.0').cells.keys()]).toEqual(['s/n=1/sync/1', 'noop/pooled/2']);
    expect([...nodeSide(run, '20.9.0').cells.keys()]).toEqual(['s/n=1/sync/1', 'noop/pooled/2']);
  });
});
