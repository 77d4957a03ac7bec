import { describe, expect, it } from 'vitest';
import { cellId, groupKey } from './cell.js';
import { UsageError } from './errors.js';
import { expandMatrix } from './matrix.js';
import type { LoadedScenario } from './scenario-loader.js';
import { parseShard, selectShard } from './shard.js';

const scenario = (name: string): LoadedScenario => ({
  file: `/fake/${name}.js`,
  scenario: { name, description: name, params: { size: [1, 2, 3] }, input: (_p, i) => i, run: (job) => job, runAsync: async (job) => job },
});
const cells = expandMatrix(['a', 'b', 'c'].map(scenario), { threads: [1, 2, 4] });

describe('selectShard', () => {
  it.each([1, 2, 3, 4, 9, 12])('splits the matrix into %i disjoint shards whose union is the whole', (count) => {
    const shards = Array.from({ length: count }, (_, i) => selectShard(cells, { index: i + 1, count }).map(cellId));
    const all = shards.flat();
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(cells.map(cellId).sort());
  });

  it('keeps every scenario-and-params group whole, its sync cell with it', () => {
    const shard = selectShard(cells, { index: 2, count: 4 });
    for (const key of new Set(shard.map(groupKey))) {
      expect(shard.filter((c) => groupKey(c) === key)).toEqual(cells.filter((c) => groupKey(c) === key));
    }
  });

  it('gives the same split every time', () => {
    expect(selectShard(cells, { index: 1, count: 3 })).toEqual(selectShard([...cells].reverse(), { index: 1, count: 3 }).reverse());
  });
});

describe('parseShard', () => {
  it('reads i/n and rejects anything else, naming the form', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'x', '1/2/3']) expect(() => parseShard(bad)).toThrow(UsageError);
  });
});
