import { describe, expect, it } from 'vitest';
import { cellFileName, cellId, parseCellId, syncCellIdOf } from './cell.js';

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

  it('become file names without separators', () => {
    expect(cellFileName({ ...pooled, params: { path: '../a b', kib: 4 } })).toBe('pbkdf2_path=.._a_b_kib=4_pooled_2');
  });
});
