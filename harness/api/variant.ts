// The four ways the harness runs a scenario's work: the axis every scenario is swept along.

export const variants = ['sync', 'libuv-async', 'spawn-per-task', 'pooled'] as const;
/** How a cell runs the workload (CSV `variant`). */
export type Variant = (typeof variants)[number];
