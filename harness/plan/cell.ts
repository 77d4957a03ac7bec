// A cell is one point of the sweep: scenario × params × variant (× pool × hand-off) × threads, run in its own process.
import { defaultHandoff, type Handoff } from '../api/handoff.js';
import { defaultPool, type Pool } from '../api/pool.js';
import type { Params } from '../api/scenario.js';
import type { Variant } from '../api/variant.js';
import type { NodeTarget } from './node-target.js';

/** One cell of the sweep. */
export interface Cell {
  readonly scenario: string;
  /** Compiled scenario module, imported again by the cell process and its workers. */
  readonly scenarioFile: string;
  readonly params: Params;
  readonly variant: Variant;
  readonly threads: number;
  /** The pool of a `pooled` cell; absent for the other variants. */
  readonly pool?: Pool;
  /**
   * Set on a `pooled` cell whose thread count is its pool's own default size on this machine
   * (piscina's 1.5 × available parallelism): the size a user who sets none gets.
   */
  readonly poolDefaultSize?: true;
  /** How a worker variant moves the task's data (`spawn-per-task`, `pooled`); absent for the others. */
  readonly handoff?: Handoff;
  /** Set when the variant cannot run this scenario: the row's status is `n/a` with this reason. */
  readonly notApplicable?: string;
  /** The scenario's own warm-up, where it declares one (`Scenario.warmupMs`). */
  readonly warmupMs?: number;
  /** The scenario's own batch size (`Scenario.batchTasks`), on every variant but spawn-per-task. */
  readonly batchTasks?: number;
  /**
   * The Node the cell process, its workers and its threadpool run on, in a run of several (`--node`);
   * absent where the cell runs on the harness's own Node.
   */
  readonly node?: NodeTarget;
}

type CellKey = Pick<Cell, 'scenario' | 'params' | 'variant' | 'threads' | 'pool' | 'handoff' | 'node'>;

/**
 * Stable key of a cell, shared by the CSV and the samples file: `pbkdf2/iterations=1000/pooled/2`.
 * A pool other than piscina joins the variant, `pooled:tinypool`, and a hand-off other than clone
 * after it, `pooled:tinypool@transfer`, so that results and baselines written before pools and
 * hand-offs were a choice keep naming the same cells.
 */
export function cellId(cell: CellKey): string {
  return `${groupKey(cell)}/${runnerLabel(cell)}/${cell.threads}`;
}

/** The variant of a label runnerLabel wrote: `pooled` for `pooled:tinypool@shared`. */
export function variantOfLabel(label: string): string {
  return label.split(/[:@]/)[0] ?? label;
}

/**
 * `sync`, `pooled`, `pooled:tinypool`, `spawn-per-task@transfer`: the variant, the pool where it is
 * not the default, and the hand-off where it is not clone.
 */
export function runnerLabel(cell: {
  readonly variant: string;
  readonly pool?: string | undefined;
  readonly handoff?: string | undefined;
}): string {
  const pool = cell.pool === undefined || cell.pool === defaultPool ? '' : `:${cell.pool}`;
  const handoff = cell.handoff === undefined || cell.handoff === defaultHandoff ? '' : `@${cell.handoff}`;
  return `${cell.variant}${pool}${handoff}`;
}

/** A cell id taken apart, from the right: a string parameter may itself hold a slash. */
export interface CellIdParts {
  /** Scenario and params: `pbkdf2/iterations=1000`, as groupKey writes it. */
  readonly group: string;
  readonly variant: string;
  readonly threads: number;
}

export function parseCellId(id: string): CellIdParts | undefined {
  const match = /^(.+)\/([^/]+)\/(\d+)$/.exec(id);
  if (!match?.[1] || !match[2] || !match[3]) return undefined;
  return { group: match[1], variant: match[2], threads: Number(match[3]) };
}

/** The id of the sync cell of the same scenario and params: what a speedup is measured against. */
export function syncCellIdOf(id: string): string | undefined {
  const parts = parseCellId(id);
  return parts && `${parts.group}/sync/1`;
}

/** The cell id as a file or directory name: `pbkdf2_iterations=1000_pooled_2`. */
export function cellFileName(cell: CellKey): string {
  return cellId(cell).replace(/[^\w.=-]+/g, '_');
}

/**
 * Cells with the same scenario and params share a batch, a reference digest and a sync baseline.
 * In a run of several Nodes the Node is one more parameter, `node=22.23.5`: each version's cells
 * are checked against and measured beside that version's own sync cell.
 */
export function groupKey(cell: Pick<Cell, 'scenario' | 'params' | 'node'>): string {
  const params = Object.entries(axesOf(cell)).map(([name, value]) => `${name}=${value}`);
  // A scenario without parameters (noop) is its own group: `noop/sync/1`, not `noop//sync/1`.
  return params.length === 0 ? cell.scenario : `${cell.scenario}/${params.join(',')}`;
}

/** The pool and hand-off a spec or cell names, spread into a RunnerContext: only those it names. */
export function choicesOf(spec: { readonly pool?: Pool | undefined; readonly handoff?: Handoff | undefined }): {
  pool?: Pool;
  handoff?: Handoff;
} {
  return {
    ...(spec.pool === undefined ? {} : { pool: spec.pool }),
    ...(spec.handoff === undefined ? {} : { handoff: spec.handoff }),
  };
}

/**
 * A cell id of a run of several Nodes taken apart at its Node: the id a one-Node run gives the
 * same cell (`pbkdf2/iterations=1000/pooled/2`) and the Node (`22.23.5`), as groupKey wrote them.
 * An id without a Node comes back as it is.
 */
export function withoutNode(id: string): { readonly id: string; readonly node?: string } {
  const parts = parseCellId(id);
  const node = parts === undefined ? null : /[,/]node=([^,/]+)$/.exec(parts.group);
  if (parts === undefined || node === null || node[1] === undefined) return { id };
  return { id: `${parts.group.slice(0, node.index)}/${parts.variant}/${parts.threads}`, node: node[1] };
}

/** The axes that name a cell's group: its params, and its Node where the run has several (`param_node` in the CSV). */
export function axesOf(cell: Pick<Cell, 'params' | 'node'>): Params {
  return cell.node === undefined ? cell.params : { ...cell.params, node: cell.node.version };
}
