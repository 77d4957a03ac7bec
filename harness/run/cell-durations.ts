// How long cells take, from the records so far: what the ETA and a time budget's plan count on.
import { type Cell, cellId } from '../plan/cell.js';
import type { CellRecord } from './cell-record.js';

/** How long each cell took, for what is ahead: its own last time, or its variant's mean so far. */
export class CellDurations {
  readonly #byCell = new Map<string, number>();
  readonly #byVariant = new Map<string, { total: number; count: number }>();

  constructor(records: readonly CellRecord[] = []) {
    for (const record of records) this.add(record);
  }

  add({ cell, wallMs: ms, outcome }: CellRecord): void {
    this.addTime(cellId(cell), cell.variant, ms, outcome.status !== 'n/a');
  }

  /** A cell's time by its id: a record's, or a row an interrupted run wrote (prior-rounds.ts). */
  addTime(id: string, variant: string, ms: number, ran = true): void {
    this.#byCell.set(id, ms);
    // A cell that cannot run takes no time: it says nothing of how long its variant's cells take.
    if (!ran) return;
    const mean = this.#byVariant.get(variant) ?? { total: 0, count: 0 };
    this.#byVariant.set(variant, { total: mean.total + ms, count: mean.count + 1 });
  }

  /** The time `cell` is expected to take; 0 before any cell of any variant was timed. */
  of(cell: Cell): number {
    const own = this.#byCell.get(cellId(cell));
    if (own !== undefined) return own;
    const variant = this.#byVariant.get(cell.variant);
    if (variant) return variant.total / variant.count;
    const all = [...this.#byVariant.values()].reduce((sum, v) => ({ total: sum.total + v.total, count: sum.count + v.count }), {
      total: 0,
      count: 0,
    });
    return all.count > 0 ? all.total / all.count : 0;
  }

  expectedMs(cells: readonly Cell[]): number {
    return cells.reduce((sum, cell) => sum + this.of(cell), 0);
  }
}
