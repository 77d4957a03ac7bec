// A cell is one point of the sweep: scenario × params × variant × threads, run in its own process.
import type { Params } from '../api/scenario.js';
import type { Variant } from '../api/variant.js';

/** One cell of the sweep. */
export interface Cell {
  readonly scenario: string;
  /** Compiled scenario module, imported again by the cell process and its workers. */
  readonly scenarioFile: string;
  readonly params: Params;
  readonly variant: Variant;
  readonly threads: number;
  /** Set when the variant cannot run this scenario: the row's status is `n/a` with this reason. */
  readonly notApplicable?: string;
  /** The scenario's own warm-up, where it declares one (`Scenario.warmupMs`). */
  readonly warmupMs?: number;
}

/** Stable key of a cell, shared by the CSV and the samples file: `pbkdf2/iterations=1000/pooled/2`. */
export function cellId(cell: Pick<Cell, 'scenario' | 'params' | 'variant' | 'threads'>): string {
  return `${groupKey(cell)}/${cell.variant}/${cell.threads}`;
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
export function cellFileName(cell: Pick<Cell, 'scenario' | 'params' | 'variant' | 'threads'>): string {
  return cellId(cell).replace(/[^\w.=-]+/g, '_');
}

/** Cells with the same scenario and params share a batch, a reference digest and a sync baseline. */
export function groupKey(cell: Pick<Cell, 'scenario' | 'params'>): string {
  return `${cell.scenario}/${Object.entries(cell.params)
    .map(([name, value]) => `${name}=${value}`)
    .join(',')}`;
}
