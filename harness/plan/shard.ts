// Splits the cell list for CI runners: whole scenario-and-params groups go to one shard, so each
// shard keeps its groups' sync cells (speedups) and reference digests. Deterministic: the same
// cells and the same n always give the same split.
import { type Cell, groupKey } from './cell.js';
import { UsageError } from './errors.js';

/** Shard `index` of `count`, 1-based: `--shard 2/3`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    throw new UsageError(`Expected --shard as i/n with 1 ≤ i ≤ n, got "${text}"`);
  }
  return { index, count };
}

export function selectShard(cells: readonly Cell[], shard: Shard): Cell[] {
  const groups = [...new Set(cells.map(groupKey))].sort();
  const mine = new Set(groups.filter((_, position) => position % shard.count === shard.index - 1));
  return cells.filter((cell) => mine.has(groupKey(cell)));
}
