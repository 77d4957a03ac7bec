// How a worker variant moves a task's data to its thread and back: the axis `--handoff` sweeps
// (CSV `handoff`). Only worker variants hand data off; `sync` and `libuv-async` rows leave it empty.

export const handoffs = ['clone', 'transfer', 'shared'] as const;
/**
 * `clone`: structured clone both ways (a copy each way, what postMessage does by default).
 * `transfer`: the job's buffers move to the worker in the transfer list, the output's back; the
 * sender loses them. `shared`: the job's buffers live in a SharedArrayBuffer laid out once per
 * cell, a task carries only where its bytes lie, and its output's bytes come back the same way.
 */
export type Handoff = (typeof handoffs)[number];

/** What postMessage does unasked, and the hand-off of a run that names none. */
export const defaultHandoff: Handoff = 'clone';
