import { describe, expect, it } from 'vitest';
import { digestOutputs } from '../../measure/digest.js';
import { findBuffers, transferListOf } from './buffers.js';
import { jobOf, layOutShared, outputOf, placeOutput } from './shared-layout.js';

// What a worker receives: the task's structured clone, the SharedArrayBuffers shared, not copied.
const overTheWire = <T>(value: T): T => structuredClone(value);

describe('findBuffers and transferListOf', () => {
  it('finds views and ArrayBuffers at any depth of plain objects and arrays, each backing buffer once', () => {
    const whole = new ArrayBuffer(16);
    const job = { head: new Uint8Array(whole, 0, 8), rest: [{ tail: new Uint8Array(whole, 8, 8) }], raw: new ArrayBuffer(4), n: 3 };
    expect(findBuffers(job).map((slot) => slot.path)).toEqual([['head'], ['rest', 0, 'tail'], ['raw']]);
    expect(transferListOf(job)).toEqual([whole, job.raw]);
  });

  it('leaves out views on shared memory and whatever is not a plain object or array', () => {
    const job = { shared: new Uint8Array(new SharedArrayBuffer(8)), inMap: new Map([[1, new Uint8Array(4)]]) };
    expect(findBuffers(job)).toEqual([]);
  });
});

describe('layOutShared', () => {
  it('gives the kernel the same job, its views reading shared memory, and the output back the same', () => {
    const jobs = [0, 1, 2].map((index) => ({
      id: index,
      bytes: new Uint8Array(5).fill(index + 1),
      floats: new Float64Array([index, 0.5]),
    }));
    const shared = layOutShared(jobs, 64);
    const received = shared.map((job) => jobOf(overTheWire(job)) as (typeof jobs)[number]);
    expect(digestOutputs(received)).toBe(digestOutputs(jobs));
    expect(received.every((job) => job.bytes.buffer instanceof SharedArrayBuffer && job.floats.buffer instanceof SharedArrayBuffer)).toBe(
      true,
    );
    // A Float64Array must start on a multiple of 8: the layout aligns each slot.
    expect(received.every((job) => job.floats.byteOffset % 8 === 0)).toBe(true);

    const outputs = received.map((job) => ({ sum: job.id, echo: job.bytes.map((byte) => byte * 2) }));
    const answers = shared.map((job, index) => overTheWire(placeOutput(outputs[index], overTheWire(job).out)));
    expect(digestOutputs(answers.map((answer, index) => outputOf(answer, shared[index] as (typeof shared)[number])))).toBe(
      digestOutputs(outputs),
    );
  });

  it('passes an output without buffers as it is', () => {
    const [job] = layOutShared([new Uint8Array(3)], 0);
    if (!job) throw new Error('no job laid out');
    expect(placeOutput(42, job.out)).toEqual({ skeleton: 42, slots: [] });
  });

  it("refuses an output larger than the room the scenario's outputBytes gives a task, saying so", () => {
    const [job] = layOutShared([new Uint8Array(3)], 16);
    if (!job) throw new Error('no job laid out');
    expect(() => placeOutput(new Uint8Array(17), job.out)).toThrow(
      /need 17 bytes, more than the 16 the scenario's handoff.shared.outputBytes/,
    );
  });

  it('refuses a job without buffers, and a bare ArrayBuffer, which cannot be read in place', () => {
    expect(() => layOutShared([{ n: 1 }], 0)).toThrow('shared: job 0 holds no ArrayBuffer view to share');
    expect(() => layOutShared([{ raw: new ArrayBuffer(4) }], 0)).toThrow(/job 0 holds a bare ArrayBuffer at raw/);
  });
});
