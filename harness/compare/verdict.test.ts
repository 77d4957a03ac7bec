import normal from '@stdlib/random-base-normal';
import { describe, expect, it } from 'vitest';
import type { ResultSet, SideCell } from './result-set.js';
import { type CompareOptions, compareResultSets, failsCheck, measuredBackToBack } from './verdict.js';

const options: CompareOptions = { threshold: 0.05, alpha: 0.05, metric: 'throughput' };

/** A side's cell; its rounds finished at `start`, `start` + 10 s, … (base and head back to back: start 0 and 1 s). */
function cell(id: string, values: number[], overrides: Partial<SideCell> = {}, start = 0): SideCell {
  const [scenario = '', , variant = '', threads = '1'] = id.split('/');
  const roundTimes = values.map((_, round) => start + round * 10_000);
  return {
    id,
    scenario,
    variant,
    threads: Number(threads),
    status: 'ok',
    error: '',
    roundThroughput: values,
    roundSpeedup: values,
    roundTimes,
    ...overrides,
  };
}
function resultSet(cells: SideCell[], machine = 'AMD EPYC × 2 cores, Node v20'): ResultSet {
  return { paths: [], schema: [], cells: new Map(cells.map((c) => [c.id, c])), machine };
}

describe('compareResultSets', () => {
  it('calls a significant drop beyond the threshold a regression, and a small or noisy one unchanged', () => {
    const base = resultSet([
      cell('a/n=1/pooled/2', [100, 101, 99, 100]),
      cell('b/n=1/pooled/2', [100, 101, 99, 100]),
      cell('c/n=1/pooled/2', [100, 130, 70, 100]),
    ]);
    const head = resultSet([
      cell('a/n=1/pooled/2', [80, 81, 79, 80]),
      cell('b/n=1/pooled/2', [98, 99, 97, 98]),
      cell('c/n=1/pooled/2', [100, 80, 110, 60]),
    ]);
    const verdicts = Object.fromEntries(compareResultSets(base, head, options).cells.map((c) => [c.id, c.verdict]));
    expect(verdicts).toEqual({ 'a/n=1/pooled/2': 'regression', 'b/n=1/pooled/2': 'unchanged', 'c/n=1/pooled/2': 'unchanged' });
  });

  it('names cells only in head new, only in base missing, and a cell head broke failed, which fails the check', () => {
    const base = resultSet([cell('a/n=1/sync/1', [1, 1.1]), cell('gone/n=1/sync/1', [1, 1.1]), cell('x/n=1/pooled/2', [5, 5.1])]);
    const head = resultSet([
      cell('a/n=1/sync/1', [1, 1.1]),
      cell('fresh/n=1/sync/1', [1, 1.1]),
      cell('x/n=1/pooled/2', [], { status: 'crashed', error: 'worker exited' }),
    ]);
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

  it('pairs rounds measured back to back, tests separate runs unpaired, and gives one run a side no test', () => {
    const interleaved = [cell('a/n=1/pooled/2', [100, 90], {}, 0), cell('a/n=1/pooled/2', [100, 90], {}, 1000)] as const;
    expect(compareResultSets(resultSet([interleaved[0]]), resultSet([interleaved[1]]), options).unit).toBe('paired');
    const later = cell('a/n=1/pooled/2', [100, 90], {}, 60_000);
    expect(compareResultSets(resultSet([interleaved[0]]), resultSet([later]), options).unit).toBe('round');
    const single = cell('a/n=1/pooled/2', [100]);
    expect(compareResultSets(resultSet([single]), resultSet([interleaved[1]]), options).unit).toBe('single');
  });

  it('calls one run a side inconclusive, failing nothing, unless the two are more than the noise floor apart', () => {
    const base = resultSet([cell('a/n=1/sync/1', [100]), cell('b/n=1/sync/1', [100])]);
    // -60% for a (within a factor of 3), -70% for b (beyond it).
    const head = resultSet([cell('a/n=1/sync/1', [40]), cell('b/n=1/sync/1', [30])]);
    const comparison = compareResultSets(base, head, options);
    const byId = Object.fromEntries(comparison.cells.map((c) => [c.id, c]));
    expect(byId['a/n=1/sync/1']).toMatchObject({ verdict: 'inconclusive', change: expect.closeTo(-0.6, 6) });
    expect(byId['a/n=1/sync/1']?.note).toMatch(/within the single-run noise floor/);
    expect(byId['b/n=1/sync/1']?.verdict).toBe('regression');
    expect(comparison.tested).toBe(0);
  });

  it('reports the smallest change each tested cell could have seen, wider for noisier cells', () => {
    const base = resultSet([cell('a/n=1/sync/1', [100, 101, 99, 100, 100]), cell('b/n=1/sync/1', [100, 120, 80, 110, 90])]);
    const head = resultSet([
      cell('a/n=1/sync/1', [100, 100, 100, 101, 99], {}, 1000),
      cell('b/n=1/sync/1', [90, 115, 95, 100, 105], {}, 1000),
    ]);
    const byId = Object.fromEntries(compareResultSets(base, head, options).cells.map((c) => [c.id, c]));
    expect(byId['a/n=1/sync/1']?.mde).toBeGreaterThan(0);
    expect(byId['b/n=1/sync/1']?.mde).toBeGreaterThan(byId['a/n=1/sync/1']?.mde ?? Infinity);
  });
});

describe('measuredBackToBack', () => {
  it('is true for b1 h1 h2 b2 and false for b1 b2 h1 h2 or unequal counts', () => {
    expect(measuredBackToBack([0, 30], [10, 20])).toBe(true);
    expect(measuredBackToBack([0, 10], [20, 30])).toBe(false);
    expect(measuredBackToBack([0, 10], [5])).toBe(false);
  });
});

// Synthetic A/B rounds shaped like the reference host's (docs/guide/regression-gate.md, "Regression check: measured"): each
// pair shares its moment of the host (±20% from round to round), each side adds 1.5% of its own, and
// about one pair in eight has a stray side, 30% off, that a moment of the host caught alone. Over the
// gate's family (the quick matrix of two scenarios, 14 cells) and 10 rounds: no crying wolf, and
// real slowdowns caught.
describe('compareResultSets on seeded synthetic A/B rounds', () => {
  const cells = 14;
  const rounds = 10;
  const trials = 100;
  const draw = (seed: number, slowCell: number, factor: number) => {
    const rand = normal.factory(0, 1, { seed });
    const uniform = () => 0.5 + 0.5 * Math.tanh(rand());
    const sides = Array.from({ length: cells }, (_, c) => {
      const pairs = Array.from({ length: rounds }, () => {
        const moment = 1000 * (1 + 0.2 * rand());
        const stray = uniform() < 1 / 8 ? (uniform() < 0.5 ? 0.7 : 1.3) : 1;
        const strayOnHead = uniform() < 0.5;
        return [
          moment * (1 + 0.015 * rand()) * (strayOnHead ? 1 : stray),
          moment * (1 + 0.015 * rand()) * (c === slowCell ? factor : 1) * (strayOnHead ? stray : 1),
        ] as const;
      });
      const id = `s/n=${c}/pooled/2`;
      return [
        cell(
          id,
          pairs.map(([base]) => base),
          {},
          0,
        ),
        cell(
          id,
          pairs.map(([, head]) => head),
          {},
          1000,
        ),
      ] as const;
    });
    return [resultSet(sides.map(([base]) => base)), resultSet(sides.map(([, head]) => head))] as const;
  };

  it('A/A: no regression anywhere in at least 99 of 100 trials', () => {
    let trialsWithRegression = 0;
    for (let trial = 0; trial < trials; trial++) {
      const [base, head] = draw(2 * trial + 1, -1, 1);
      if (failsCheck(compareResultSets(base, head, options))) trialsWithRegression++;
    }
    expect(trialsWithRegression).toBeLessThanOrEqual(1);
  });

  // The trimmed paired test catches it in about 9 trials of 10 under this model; a plain paired
  // t-test, whose variance the stray pairs inflate, in fewer than half (checked with scipy).
  it('A/B: a 10% slowdown of one cell is caught, and named, in at least 85 of 100 trials', () => {
    let caught = 0;
    for (let trial = 0; trial < trials; trial++) {
      const [base, head] = draw(2 * trial + 2, 7, 0.9);
      const comparison = compareResultSets(base, head, options);
      expect(comparison.unit).toBe('paired');
      const regressions = comparison.cells.filter((c) => c.verdict === 'regression').map((c) => c.id);
      if (regressions.length === 1 && regressions[0] === 's/n=7/pooled/2') caught++;
    }
    expect(caught).toBeGreaterThanOrEqual(85);
  });
});

// Pairing is what makes a 10% slowdown visible on this host: the host's moment moves both sides of a
// pair alike (here ±25% from round to round), which an unpaired test must count as noise.
describe('a paired comparison under host drift shared by each pair', () => {
  const rounds = 10;
  const sides = (seed: number, factor: number, paired: boolean) => {
    const rand = normal.factory(0, 1, { seed });
    const moments = Array.from({ length: rounds }, () => 1 + 0.25 * rand());
    const values = (scale: number) => moments.map((moment) => 1000 * scale * moment * (1 + 0.015 * rand()));
    const [baseStart, headStart] = paired ? [0, 1000] : [0, rounds * 10_000];
    return [
      resultSet([cell('s/n=1/pooled/2', values(1), {}, baseStart)]),
      resultSet([cell('s/n=1/pooled/2', values(factor), {}, headStart)]),
    ] as const;
  };

  it('sees the slowdown when rounds are paired, where the same data unpaired cannot', () => {
    const [pairedBase, pairedHead] = sides(11, 0.9, true);
    expect(compareResultSets(pairedBase, pairedHead, options).cells[0]?.verdict).toBe('regression');
    const [base, head] = sides(11, 0.9, false);
    const unpaired = compareResultSets(base, head, options);
    expect(unpaired.unit).toBe('round');
    expect(unpaired.cells[0]?.verdict).toBe('unchanged');
  });
});
