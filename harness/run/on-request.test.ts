import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../plan/cell.js';
import type { CellRecord } from './cell-record.js';
import { runCellsOnRequest } from './on-request.js';

const cell: Cell = { scenario: 'steady', scenarioFile: 'steady.js', params: { size: 10 }, variant: 'sync', threads: 1 };
const record = (round: number): CellRecord => ({
  cell,
  round,
  outcome: { status: 'n/a', error: 'not measured in this test' },
  derived: {},
  finishedAt: new Date(0),
  wallMs: 0,
});

describe('runCellsOnRequest', () => {
  it('announces its cells, measures the ones asked for, and refuses a line that is not a request, saying why', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const asked: number[] = [];
    const served = runCellsOnRequest(
      [cell],
      {
        run: async (_cell, round) => {
          asked.push(round);
          return record(round);
        },
      },
      { input, output },
      () => {},
    );
    input.end(
      [
        '{"round":1,"cell":"steady/size=10/sync/1"}',
        'not json',
        '{"round":0,"cell":"steady/size=10/sync/1"}',
        '{"round":2,"cell":"other/x=1/sync/1"}',
        '',
      ].join('\n'),
    );
    const result = await served;
    const answers = output
      .read()
      .toString()
      .trim()
      .split('\n')
      .map((line: string) => JSON.parse(line));
    expect(answers[0]).toEqual({ kind: 'ready', cells: ['steady/size=10/sync/1'] });
    expect(answers[1]).toEqual({ kind: 'done', round: 1, cell: 'steady/size=10/sync/1', status: 'n/a' });
    expect(answers.slice(2).map((a: { reason: string }) => a.reason)).toEqual([
      'not JSON',
      expect.stringMatching(/^round: .*>0/),
      'no cell other/x=1/sync/1 in this matrix',
    ]);
    expect(asked).toEqual([1]);
    expect(result).toMatchObject({ interrupted: false, planned: 1 });
  });

  it('ends as interrupted when Ctrl-C comes while it waits for a request', async () => {
    const controller = new AbortController();
    const served = runCellsOnRequest(
      [cell],
      { run: async (_cell, round) => record(round) },
      { input: new PassThrough(), output: new PassThrough(), signal: controller.signal },
      () => {},
    );
    controller.abort();
    expect(await served).toEqual({ records: [], interrupted: true, planned: 0 });
  });
});
