// Shards for CI job matrices: run apart, merged, they are the unsharded run's cells.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixturesDir, readCsv, runBench, runMerge } from '../../../test/helpers.js';

describe('npm run bench --shard and npm run merge', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-shards-'));
  const fast = [
    '--scenarios',
    fixturesDir,
    '--scenario',
    'steady',
    '--threads',
    '1',
    '--variant',
    'sync,pooled',
    '--warmup',
    '1',
    '--time',
    '1',
    '--samples',
    '2',
    '--rounds',
    '1',
  ];
  const out = (name: string) => join(dir, `${name}.csv`);
  const runs = await Promise.all([
    runBench([...fast, '--out', out('whole')]),
    runBench([...fast, '--shard', '1/2', '--out', out('one')]),
    runBench([...fast, '--shard', '2/2', '--out', out('two')]),
  ]);
  const merged = await runMerge([out('one'), out('two'), '--out', out('merged')]);
  const cells = (name: string) =>
    readCsv(out(name))
      .map((row) => row.cell)
      .sort();

  it('runs disjoint shards whose union is the whole matrix', () => {
    for (const run of runs) expect(run.exitCode, run.all).toBe(0);
    expect(cells('one')).toHaveLength(2);
    expect(cells('two')).toHaveLength(2);
    expect(cells('one').filter((cell) => cells('two').includes(cell))).toEqual([]);
  });

  it('merges the shards, samples too, into the cells of the unsharded run', () => {
    expect(merged.exitCode, merged.all).toBe(0);
    expect(cells('merged')).toEqual(cells('whole'));
    const samples = readCsv(out('merged').replace(/\.csv$/, '.samples.csv'));
    expect(new Set(samples.map((row) => row.cell))).toEqual(new Set(cells('whole')));
  });

  it('rejects a cell present in two pieces, with one line and exit code 2', async () => {
    const run = await runMerge([out('one'), out('one'), '--out', out('twice')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^threadbench merge: Expected each cell in one piece only, got steady\/size=\d+\/sync\/1 round 1 in both/,
    );
  });

  it('rejects pieces whose schemas differ, with one line and exit code 2', async () => {
    const odd = out('odd');
    writeFileSync(odd, readFileSync(out('two'), 'utf8').replace('eld_p99_ms', 'eld_p95_ms'));
    writeFileSync(odd.replace(/\.csv$/, '.samples.csv'), readFileSync(out('two').replace(/\.csv$/, '.samples.csv')));
    const run = await runMerge([out('one'), odd, '--out', out('bad')]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr.trim()).toMatch(
      /^threadbench merge: Expected every piece to share one schema, got extra columns eld_p95_ms and no eld_p99_ms in/,
    );
  });
});
