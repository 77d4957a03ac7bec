import { describe, expect, it } from 'vitest';
import { cellFileName, cellId, parseCellId, syncCellIdOf, withoutNode } from './cell.js';
import type { NodeTarget } from './node-target.js';

const pooled = { scenario: 'pbkdf2', params: { iterations: 1000 }, variant: 'pooled', threads: 2 } as const;

describe('cell ids', () => {
  it('are written as scenario/params/variant/threads and read back into their parts', () => {
    expect(cellId(pooled)).toBe('pbkdf2/iterations=1000/pooled/2');
    expect(parseCellId(cellId(pooled))).toEqual({ group: 'pbkdf2/iterations=1000', variant: 'pooled', threads: 2 });
  });

  it('are taken apart from the right, so a string parameter may hold a slash', () => {
    const id = cellId({ scenario: 'read', params: { path: 'a/b', kib: 4 }, variant: 'sync', threads: 1 });
    expect(parseCellId(id)).toEqual({ group: 'read/path=a/b,kib=4', variant: 'sync', threads: 1 });
  });

  it('name the sync cell of the same scenario and params', () => {
    expect(syncCellIdOf('gzip/payload_kib=16/libuv-async/4')).toBe('gzip/payload_kib=16/sync/1');
  });

  it('are refused when they lack a variant or a thread count', () => {
    expect(parseCellId('pbkdf2/iterations=1000')).toBeUndefined();
    expect(syncCellIdOf('pbkdf2/iterations=1000/pooled/two')).toBeUndefined();
  });

  it('of a run of several Nodes name the Node last among the params, and come apart into the one-Node id and the Node', () => {
    const node = { version: '22.23.5' } as NodeTarget;
    const noop = { scenario: 'noop', params: {}, variant: 'sync', threads: 1 } as const;
    expect(cellId({ ...pooled, node })).toBe('pbkdf2/iterations=1000,node=22.23.5/pooled/2');
    expect(cellId({ ...noop, node })).toBe('noop/node=22.23.5/sync/1');
    expect(withoutNode(cellId({ ...pooled, node }))).toEqual({ id: cellId(pooled), node: '22.23.5' });
    expect(withoutNode(cellId({ ...noop, node }))).toEqual({ id: 'noop/sync/1', node: '22.23.5' });
    expect(withoutNode(cellId(pooled))).toEqual({ id: cellId(pooled) });
  });

  it('become file names without separators', () => {
    expect(cellFileName({ ...pooled, params: { path: '../a b', kib: 4 } })).toBe('pbkdf2_path=.._a_b_kib=4_pooled_2');
  });
});
