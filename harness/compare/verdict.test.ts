import normal from '@stdlib/random-base-normal';
import { describe, expect, it } from 'vitest';
import type { ResultSet, SideCell } from './result-set.js';
import { compareResultSets, failsCheck, type CompareOptions } from './verdict.js';

const options: CompareOptions = { threshold: 0.05, alpha: 0.05, metric: 'throughput' };

function cell(id: string, values: number[], overrides: Partial<SideCell> = {}): SideCell {
  const [scenario = '', , variant = '', threads = '1'] = id.split('/');
  return { id, scenario, variant, threads: Number(threads), status: 'ok', error: '', throughput: values, speedup: values, roundThroughput: values, roundSpeedup: values, ...overrides };
}
function resultSet(cells: SideCell[], machine = 'AMD EPYC × 2 cores, Node v20'): ResultSet {
  return { paths: [], schema: [], cells: new Map(cells.map((c) => [c.id, c])), machine };
}

describe('compareResultSets', () => {
  it('calls a significant drop beyond the threshold a regression, and a small or noisy one unchanged', () => {
    const base = resultSet([cell('a/n=1/pooled/2', [100, 101, 99, 100]), cell('b/n=1/pooled/2', [100, 101, 99, 100]), cell('c/n=1/pooled/2', [100, 130, 70, 100])]);
    const head = resultSet([cell('a/n=1/pooled/2', [80, 81, 79, 80]), cell('b/n=1/pooled/2', [98, 99, 97, 98]), cell('c/n=1/pooled/2', [80, 110, 50, 80])]);
    const verdicts = Object.fromEntries(compareResultSets(base, head, options).cells.map((c) => [c.id, c.verdict]));
    expect(verdicts).toEqual({ 'a/n=1/pooled/2': 'regression', 'b/n=1/pooled/2': 'unchanged', 'c/n=1/pooled/2': 'unchanged' });
  });

  it('names cells only in head new, only in base missing, and a cell head broke failed, which fails the check', () => {
    const base = resultSet([cell('a/n=1/sync/1', [1, 1.1]), cell('gone/n=1/sync/1', [1, 1.1]), cell('x/n=1/pooled/2', [5, 5.1])]);
    const head = resultSet([cell('a/n=1/sync/1', [1, 1.1]), cell('fresh/n=1/sync/1', [1, 1.1]), cell('x/n=1/pooled/2', [], { status: 'crashed', error: 'worker exited' })]);
    const comparison = compareResultSets(base, head, options);
    const byId = Object.fromEntries(comparison.cells.map((c) => [c.id, c]));
    expect(byId['fresh/n=1/sync/1']?.verdict).toBe('new');
    expect(byId['gone/n=1/sync/1']?.verdict).toBe('missing');
    expect(byId['x/n=1/pooled/2']).toMatchObject({ verdict: 'failed', headBroke: true, note: 'head crashed: worker exited' });
    expect(failsCheck(comparison)).toBe(true);
  });

  it('leaves out cells that are n/a on both sides and does not judge sync on speedup', () => {
    const na = cell('p/n=1/libuv-async/1', [], { status: 'n/a', error: 'pure JS' });
    const base = resultSet([na, cell('p/n=1/sync/1', [1, 1])]);
    const head = resultSet([na, cell('p/n=1/sync/1', [1, 1])]);
    const comparison = compareResultSets(base, head, { ...options, metric: 'speedup' });
    expect(comparison.cells.map((c) => `${c.id} ${c.verdict}`)).toEqual(['p/n=1/sync/1 unchanged']);
    expect(failsCheck(comparison)).toBe(false);
  });

  it('tests rounds when both sides have two or more, batches otherwise', () => {
    const rounds = cell('a/n=1/pooled/2', [100, 100, 100], { roundThroughput: [100, 90] });
    expect(compareResultSets(resultSet([rounds]), resultSet([rounds]), options).unit).toBe('round');
    const single = cell('a/n=1/pooled/2', [100, 100, 100], { roundThroughput: [100] });
    expect(compareResultSets(resultSet([single]), resultSet([rounds]), options).unit).toBe('batch');
  });
});

// Synthetic rounds with realistic noise (CV 3%), over a quick-matrix-sized family of 26 cells and
// 10 values a side (what bench:check and the A/B mode produce): no crying wolf, and real slowdowns caught.
describe('compareResultSets on seeded synthetic result sets', () => {
  const cells = 26;
  const valuesPerSide = 10;
  const trials = 100;
  const draw = (seed: number, slowCell: number, factor: number) => {
    const rand = normal.factory(0, 1, { seed });
    return resultSet(
      Array.from({ length: cells }, (_, c) => {
        const mean = 1000 * (c === slowCell ? factor : 1);
        return cell(`s/n=${c}/pooled/2`, Array.from({ length: valuesPerSide }, () => mean * (1 + 0.03 * rand())));
      }),
    );
  };

  it('A/A: no regression anywhere in at least 99 of 100 trials', () => {
    let trialsWithRegression = 0;
    for (let trial = 0; trial < trials; trial++) {
      if (failsCheck(compareResultSets(draw(4 * trial + 1, -1, 1), draw(4 * trial + 2, -1, 1), options))) trialsWithRegression++;
    }
    expect(trialsWithRegression).toBeLessThanOrEqual(1);
  });

  it('A/B: a 10% slowdown of one cell is caught, and named, in at least 95 of 100 trials', () => {
    let caught = 0;
    for (let trial = 0; trial < trials; trial++) {
      const comparison = compareResultSets(draw(4 * trial + 3, -1, 1), draw(4 * trial + 4, 7, 0.9), options);
      const regressions = comparison.cells.filter((c) => c.verdict === 'regression').map((c) => c.id);
      if (regressions.length === 1 && regressions[0] === 's/n=7/pooled/2') caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(95);
  });
});
