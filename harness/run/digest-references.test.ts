import { describe, expect, it } from 'vitest';
import type { Measurement } from '../measure/measurement.js';
import type { Cell } from '../plan/cell.js';
import { DigestReferences } from './digest-references.js';
import type { CellProcessReport } from './run-cell.js';

const cell = (variant: Cell['variant'], scenario = 's'): Cell => ({ scenario, scenarioFile: '/s.js', params: {}, variant, threads: 1 });
const measured = (digest: string) => ({ digest }) as Measurement;

function references(reports: CellProcessReport[]) {
  const asked: string[] = [];
  const refs = new DigestReferences(
    (c) => c.scenario,
    async (c) => {
      asked.push(c.scenario);
      return reports.shift() ?? { kind: 'canceled' };
    },
  );
  return { refs, asked };
}

describe('DigestReferences', () => {
  it("takes the sync cell's digest as its group's reference, and asks for no reference run", async () => {
    const { refs, asked } = references([]);
    expect(await refs.check(cell('sync'), measured('abc'))).toMatchObject({ status: 'ok' });
    expect(await refs.check(cell('pooled'), measured('abc'))).toMatchObject({ status: 'ok' });
    expect(await refs.check(cell('pooled'), measured('abd'))).toMatchObject({
      status: 'mismatch',
      error: 'results digest abd differs from the kernel on the main thread (abc)',
    });
    expect(asked).toEqual([]);
  });

  it('runs a reference once per group where sync did not run, and reuses it', async () => {
    const { refs, asked } = references([{ kind: 'reference', digest: 'ref' }]);
    expect(await refs.check(cell('pooled'), measured('ref'))).toMatchObject({ status: 'ok' });
    expect(await refs.check(cell('spawn-per-task'), measured('ref'))).toMatchObject({ status: 'ok' });
    expect(asked).toEqual(['s']);
  });

  it('fails the cells of a group whose reference run failed, naming why, and passes a cancel on', async () => {
    const { refs } = references([{ kind: 'failed', status: 'crashed', error: 'boom' }]);
    expect(await refs.check(cell('pooled'), measured('x'))).toEqual({
      status: 'failed',
      error: 'results cannot be checked: the reference run failed (boom)',
    });
    const canceled = references([{ kind: 'canceled' }]);
    expect(await canceled.refs.check(cell('pooled', 't'), measured('x'))).toBe('canceled');
  });

  it('takes a reference a cell process computed beside its measurement, and never in place of sync’s', async () => {
    const { refs, asked } = references([]);
    expect(refs.knows(cell('spawn-per-task'))).toBe(false);
    refs.learn(cell('spawn-per-task'), 'main');
    expect(await refs.check(cell('spawn-per-task'), measured('worker'))).toMatchObject({ status: 'mismatch' });
    expect(await refs.check(cell('pooled'), measured('main'))).toMatchObject({ status: 'ok' });
    const other = references([]);
    await other.refs.check(cell('sync', 't'), measured('sync'));
    other.refs.learn(cell('spawn-per-task', 't'), 'other');
    expect(await other.refs.check(cell('spawn-per-task', 't'), measured('sync'))).toMatchObject({ status: 'ok' });
    expect([...asked, ...other.asked]).toEqual([]);
  });
});
