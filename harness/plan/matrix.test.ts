import { describe, expect, it } from 'vitest';
import { cellId } from './cell.js';
import { UsageError } from './errors.js';
import { expandMatrix } from './matrix.js';
import type { NodeTarget } from './node-target.js';
import type { LoadedScenario } from './scenario-loader.js';

const native: LoadedScenario = {
  file: '/fake/native.js',
  scenario: {
    name: 'native',
    description: 'has a threadpool form',
    params: { iterations: [1000, 10, 500], mode: ['a', 'b'] },
    input: (_params, index) => index,
    run: (job) => job,
    runAsync: async (job) => job,
  },
};
const pureJs: LoadedScenario = {
  file: '/fake/pure-js.js',
  scenario: {
    name: 'pure-js',
    description: 'no threadpool form',
    params: { limit: [5, 50] },
    input: (_params, index) => index,
    run: (job) => job,
    noThreadpoolForm: 'plain JavaScript',
  },
};
const ids = (cells: ReturnType<typeof expandMatrix>) => cells.map(cellId);

const node = (version: string, stripsTypes: boolean): NodeTarget => ({
  spec: version,
  version,
  v8: '0',
  path: `/fake/node-${version}`,
  stripsTypes,
  threadCpuUsage: true,
  source: 'given',
});

describe('expandMatrix', () => {
  it('runs every cell under each --node, the versions side by side, each version its own group with its own sync cell', () => {
    const cells = expandMatrix([pureJs], { threads: [1], params: { limit: ['5'] }, nodes: [node('22.1.0', true), node('20.9.0', false)] });
    expect(ids(cells)).toEqual([
      'pure-js/limit=5,node=22.1.0/sync/1',
      'pure-js/limit=5,node=20.9.0/sync/1',
      'pure-js/limit=5,node=22.1.0/libuv-async/1',
      'pure-js/limit=5,node=20.9.0/libuv-async/1',
      'pure-js/limit=5,node=22.1.0/spawn-per-task/1',
      'pure-js/limit=5,node=20.9.0/spawn-per-task/1',
      'pure-js/limit=5,node=22.1.0/pooled/1',
      'pure-js/limit=5,node=20.9.0/pooled/1',
    ]);
    expect(cells.map((cell) => cell.node?.path)).toContain('/fake/node-20.9.0');
  });

  it('makes a TypeScript scenario n/a under a Node that cannot strip types, naming the version', () => {
    const typed = { ...pureJs, file: '/fake/typed.mts' };
    const cells = expandMatrix([typed], {
      threads: [1],
      variants: ['sync'],
      quick: true,
      nodes: [node('24.0.0', true), node('20.9.0', false)],
    });
    expect(cells.map((cell) => cell.notApplicable)).toEqual([
      undefined,
      'Node 20.9.0 does not strip TypeScript types (process.features.typescript): compile the scenario to .js to run it there',
    ]);
  });

  it('refuses --node with a scenario that has a parameter named node', () => {
    const clash = { ...pureJs, scenario: { ...pureJs.scenario, params: { node: [1] } } };
    expect(() => expandMatrix([clash], { threads: [1], nodes: [node('22.1.0', true)] })).toThrow(
      new UsageError('Expected the scenarios of a --node run to have no parameter named node (it names the Node), got one in pure-js'),
    );
  });

  it("gives every cell its scenario's declared warm-up, and none where it declares none", () => {
    const warm = expandMatrix([{ ...pureJs, scenario: { ...pureJs.scenario, warmupMs: 1500 } }], { threads: [1] });
    expect(warm.every((cell) => cell.warmupMs === 1500)).toBe(true);
    expect(expandMatrix([pureJs], { threads: [1] }).some((cell) => 'warmupMs' in cell)).toBe(false);
  });

  it('crosses params, variants and thread counts, sync once per params and first in its group', () => {
    const cells = expandMatrix([pureJs], { threads: [2, 1] });
    expect(ids(cells)).toEqual([
      'pure-js/limit=5/sync/1',
      'pure-js/limit=5/libuv-async/1',
      'pure-js/limit=5/libuv-async/2',
      'pure-js/limit=5/spawn-per-task/1',
      'pure-js/limit=5/spawn-per-task/2',
      'pure-js/limit=5/pooled/1',
      'pure-js/limit=5/pooled/2',
      'pure-js/limit=50/sync/1',
      'pure-js/limit=50/libuv-async/1',
      'pure-js/limit=50/libuv-async/2',
      'pure-js/limit=50/spawn-per-task/1',
      'pure-js/limit=50/spawn-per-task/2',
      'pure-js/limit=50/pooled/1',
      'pure-js/limit=50/pooled/2',
    ]);
  });

  it('keeps libuv-async cells of a scenario without a threadpool form, as n/a with its reason', () => {
    const cells = expandMatrix([pureJs, native], { threads: [1, 4], quick: true });
    const notApplicable = cells.filter((cell) => cell.notApplicable !== undefined);
    expect(ids(notApplicable)).toEqual(['pure-js/limit=5/libuv-async/1', 'pure-js/limit=5/libuv-async/4']);
    expect(notApplicable.every((cell) => cell.notApplicable === 'plain JavaScript')).toBe(true);
    expect(cells.filter((cell) => cell.scenario === 'native' && cell.notApplicable !== undefined)).toEqual([]);
  });

  it('takes the smallest value of each param with quick, not the first listed', () => {
    const cells = expandMatrix([native], { threads: [1], quick: true, variants: ['sync'] });
    expect(ids(cells)).toEqual(['native/iterations=10,mode=a/sync/1']);
  });

  it('filters by scenario and variant and deduplicates thread counts', () => {
    const cells = expandMatrix([pureJs, native], { threads: [2, 2, 1], scenarios: ['native'], variants: ['pooled'], quick: true });
    expect(ids(cells)).toEqual(['native/iterations=10,mode=a/pooled/1', 'native/iterations=10,mode=a/pooled/2']);
  });

  it('replaces a param list with --param values parsed by the declared type', () => {
    const cells = expandMatrix([native], { threads: [1], variants: ['sync'], params: { iterations: ['1_000', '7'], mode: ['z'] } });
    expect(cells.map((cell) => cell.params)).toEqual([
      { iterations: 1000, mode: 'z' },
      { iterations: 7, mode: 'z' },
    ]);
  });

  it('rejects an unknown scenario, naming the valid ones', () => {
    expect(() => expandMatrix([pureJs, native], { threads: [1], scenarios: ['nope'] })).toThrow(
      new UsageError('Expected --scenario to name one of pure-js, native, got "nope"'),
    );
  });

  it("rejects a param no selected scenario has, naming each scenario's params", () => {
    expect(() => expandMatrix([pureJs, native], { threads: [1], scenarios: ['pure-js'], params: { iterations: ['5'] } })).toThrow(
      new UsageError('Expected --param to name a parameter of the selected scenarios (pure-js: limit), got "iterations"'),
    );
  });

  it('rejects a non-number for a numeric param', () => {
    expect(() => expandMatrix([pureJs], { threads: [1], params: { limit: ['lots'] } })).toThrow(
      new UsageError('Expected --param limit to be numbers (as pure-js declares), got "lots"'),
    );
  });

  it('runs pooled on every pool asked for, the pools side by side at each thread count, piscina keeping the plain name', () => {
    const cells = expandMatrix([pureJs], {
      threads: [1, 2],
      variants: ['pooled'],
      params: { limit: ['5'] },
      pools: ['hand-rolled', 'piscina'],
    });
    expect(ids(cells)).toEqual([
      'pure-js/limit=5/pooled:hand-rolled/1',
      'pure-js/limit=5/pooled/1',
      'pure-js/limit=5/pooled:hand-rolled/2',
      'pure-js/limit=5/pooled/2',
    ]);
    expect(cells.map((cell) => cell.pool)).toEqual(['hand-rolled', 'piscina', 'hand-rolled', 'piscina']);
  });

  it("adds each pool's own default size where asked, and marks it; a pool without a default adds none", () => {
    const cells = expandMatrix([pureJs], {
      threads: [1, 2, 4],
      variants: ['pooled'],
      params: { limit: ['5'] },
      pools: ['piscina', 'workerpool', 'poolifier'],
      poolDefaultsFor: 2,
    });
    const marked = cells.filter((cell) => cell.poolDefaultSize).map(cellId);
    // piscina: 1.5 × 2 = 3, not in the sweep, added; workerpool: 2 − 1 = 1, already swept, marked.
    expect(marked).toEqual(['pure-js/limit=5/pooled:workerpool/1', 'pure-js/limit=5/pooled/3']);
    expect(cells.filter((cell) => cell.threads === 3).map(cellId)).toEqual(['pure-js/limit=5/pooled/3']);
    expect(cells.filter((cell) => cell.pool === 'poolifier').map((cell) => cell.threads)).toEqual([1, 2, 4]);
  });

  it("gives every variant but spawn-per-task the scenario's own batch size", () => {
    const cells = expandMatrix([{ ...pureJs, scenario: { ...pureJs.scenario, batchTasks: 256 } }], {
      threads: [1],
      params: { limit: ['5'] },
    });
    expect(cells.map((cell) => [cell.variant, cell.batchTasks])).toEqual([
      ['sync', 256],
      ['libuv-async', 256],
      ['spawn-per-task', undefined],
      ['pooled', 256],
    ]);
  });

  it('runs the worker variants on every hand-off asked for, side by side, clone keeping the plain name', () => {
    const movable = { ...pureJs, scenario: { ...pureJs.scenario, handoff: { transfer: true as const } } };
    const cells = expandMatrix([movable], { threads: [1], params: { limit: ['5'] }, handoffs: ['clone', 'transfer'] });
    expect(cells.map((cell) => [cellId(cell), cell.handoff ?? ''])).toEqual([
      ['pure-js/limit=5/sync/1', ''],
      ['pure-js/limit=5/libuv-async/1', ''],
      ['pure-js/limit=5/spawn-per-task/1', 'clone'],
      ['pure-js/limit=5/spawn-per-task@transfer/1', 'transfer'],
      ['pure-js/limit=5/pooled/1', 'clone'],
      ['pure-js/limit=5/pooled@transfer/1', 'transfer'],
    ]);
  });

  it('makes a hand-off the scenario does not declare n/a, saying where to declare it', () => {
    const cells = expandMatrix([pureJs], {
      threads: [1],
      params: { limit: ['5'] },
      variants: ['pooled'],
      pools: ['tinypool'],
      handoffs: ['shared'],
    });
    expect(cells.map((cell) => [cellId(cell), cell.notApplicable])).toEqual([
      [
        'pure-js/limit=5/pooled:tinypool@shared/1',
        'pure-js declares no shared hand-off (handoff.shared in its module): its jobs are cloned only',
      ],
    ]);
  });

  it("takes a scenario's quick list where it declares one, and its batch size as a function of the params", () => {
    const sized = {
      ...pureJs,
      scenario: { ...pureJs.scenario, quick: { limit: [5, 50] }, batchTasks: ({ limit }: { limit: number }) => limit * 2 },
    };
    const cells = expandMatrix([sized as unknown as LoadedScenario], { threads: [1], variants: ['sync'], quick: true });
    expect(cells.map((cell) => [cellId(cell), cell.batchTasks])).toEqual([
      ['pure-js/limit=5/sync/1', 10],
      ['pure-js/limit=50/sync/1', 100],
    ]);
  });
});
