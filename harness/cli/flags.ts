// Checks of flag values shared by the CLIs: each returns the parsed value or throws a UsageError
// naming the flag, what it expects and what it got.
import ms from 'ms';
import { type Handoff, handoffs } from '../api/handoff.js';
import { type Pool, pools } from '../api/pool.js';
import { type Variant, variants } from '../api/variant.js';
import { UsageError } from '../plan/errors.js';

export function list(flag: string, text: string): string[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`Expected ${flag} to be a comma-separated list, got "${text}"`);
  return items;
}

export function toVariant(text: string): Variant {
  const variant = variants.find((v) => v === text);
  if (!variant) throw new UsageError(`Expected --variant to be one of ${variants.join(', ')}, got "${text}"`);
  return variant;
}

export function toPool(text: string, flag = '--pool'): Pool {
  const pool = pools.find((p) => p === text);
  if (!pool) throw new UsageError(`Expected ${flag} to be one of ${pools.join(', ')}, got "${text}"`);
  return pool;
}

export function toHandoff(text: string): Handoff {
  const handoff = handoffs.find((h) => h === text);
  if (!handoff) throw new UsageError(`Expected --handoff to be one of ${handoffs.join(', ')}, got "${text}"`);
  return handoff;
}

/** `--handoff` makes sense only where a worker variant runs. */
export function checkHandoffsRun(chosen: readonly Handoff[] | undefined, chosenVariants: readonly Variant[] | undefined): void {
  if (chosen !== undefined && chosenVariants !== undefined && !chosenVariants.some((v) => v === 'pooled' || v === 'spawn-per-task')) {
    throw new UsageError(
      `Expected --variant to include spawn-per-task or pooled when --handoff is given, got "${chosenVariants.join(',')}"`,
    );
  }
}

/** `--pool` makes sense only where `pooled` runs. */
export function checkPoolsRun(chosenPools: readonly Pool[] | undefined, chosenVariants: readonly Variant[] | undefined): void {
  if (chosenPools !== undefined && chosenVariants !== undefined && !chosenVariants.includes('pooled')) {
    throw new UsageError(`Expected --variant to include pooled when --pool is given, got "${chosenVariants.join(',')}"`);
  }
}

/** A count: --threads, --rounds, --tasks. */
export function positiveInteger(flag: string, text: string): number {
  return integerAtLeast(1, flag, text, 'positive integers');
}

/** A whole number of zero or more, e.g. a warm-up time where 0 means "one batch and no more". */
export function wholeNumber(flag: string, text: string): number {
  return integerAtLeast(0, flag, text, 'a whole number of zero or more');
}

/** A positive number, fractions allowed: a load of 0.5 is half of what sync can serve. */
export function positiveNumber(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new UsageError(`Expected ${flag} to be positive numbers, got "${text}"`);
  return value;
}

/** A positive duration with its unit (`90s`, `5m`, `1.5h`; ms's forms), in ms: a bare number's unit is anyone's guess. */
export function duration(flag: string, text: string): number {
  const value = /[a-z]\s*$/i.test(text) ? ms(text as ms.StringValue) : Number.NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new UsageError(`Expected ${flag} to be a duration with its unit, such as 90s, 5m or 1h, got "${text}"`);
  }
  return value;
}

function integerAtLeast(min: number, flag: string, text: string, expected: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min)
    throw new UsageError(`Expected ${flag} to be ${expected}, got "${text}"`);
  return value;
}

export function nonEmpty(flag: string, text: string): string {
  if (text.trim() === '') throw new UsageError(`Expected ${flag} to be a path, got ""`);
  return text;
}

export function parseParams(entries: readonly string[]): Record<string, string[]> {
  const params: Record<string, string[]> = {};
  for (const entry of entries) {
    const match = /^([a-z][a-z0-9_]*)=(.+)$/.exec(entry);
    if (!match?.[1] || !match[2]) throw new UsageError(`Expected --param as name=v1,v2 (snake_case name), got "${entry}"`);
    params[match[1]] = list(`--param ${match[1]}`, match[2]);
  }
  return params;
}
