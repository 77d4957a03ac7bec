import { describe, expect, it } from 'vitest';
import { sendSideFor } from './send-side.js';

describe('sendSideFor', () => {
  it('clone sends the jobs as they are and moves nothing', () => {
    const side = sendSideFor('clone', '/s.js', 0, 'pooled');
    const jobs = [new Uint8Array(4)];
    expect(side.prepare(jobs)).toBe(jobs);
    const task = side.task(jobs[0]);
    expect(task).toEqual({ kind: 'run', scenarioFile: '/s.js', job: jobs[0] });
    expect(side.transferList(task)).toBeUndefined();
  });

  it("transfer sends a fresh copy of every job each batch, and moves the copy's buffers", () => {
    const side = sendSideFor('transfer', '/s.js', 0, 'pooled');
    const jobs = [{ bytes: new Uint8Array([1, 2, 3]) }];
    const [sent] = side.prepare(jobs) as typeof jobs;
    expect(sent).not.toBe(jobs[0]);
    expect(sent).toEqual(jobs[0]);
    const task = side.task(sent);
    expect(task.handoff).toBe('transfer');
    expect(side.transferList(task)).toEqual([sent?.bytes.buffer]);
  });

  it('transfer refuses jobs that share a buffer before anything is sent, naming the two jobs', () => {
    const side = sendSideFor('transfer', '/s.js', 0, 'pooled');
    const whole = new ArrayBuffer(8);
    expect(() => side.prepare([new Uint8Array(whole, 0, 4), new Uint8Array(4), new Uint8Array(whole, 4, 4)])).toThrow(
      /^transfer: jobs 0 and 2 share an ArrayBuffer/,
    );
  });

  it('transfer refuses a job with no buffer to move, as shared refuses one with none to share', () => {
    const side = sendSideFor('transfer', '/s.js', 0, 'pooled');
    expect(() => side.prepare([new Uint8Array(4), { n: 1 }])).toThrow('transfer: job 1 holds no ArrayBuffer to move');
  });

  it('transfer proves the move: a buffer still attached after its task ran is an error naming the runner', () => {
    const side = sendSideFor('transfer', '/s.js', 0, 'pooled:tinypool');
    const [sent] = side.prepare([new Uint8Array(8)]);
    const task = side.task(sent);
    const moved = side.transferList(task) ?? [];
    // Nothing was posted: the buffer is still the sender's, as if the library had cloned it.
    expect(() => side.received(task, 0, moved)).toThrow(
      "transfer: the job's 8-byte ArrayBuffer was still the sender's after its task ran: pooled:tinypool copied it",
    );
    const { port1 } = new MessageChannel();
    port1.postMessage(task, moved);
    port1.close();
    expect(side.received(task, 7, moved)).toBe(7);
  });

  it('shared lays the jobs out once per job list, untimed, however many batches ask', () => {
    const side = sendSideFor('shared', '/s.js', 0, 'pooled');
    const jobs = [new Uint8Array(4)];
    expect(side.prepare(jobs)).toBe(side.prepare(jobs));
  });
});
