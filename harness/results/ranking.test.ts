import { describe, expect, it } from 'vitest';
import { summaryOf } from '../../test/report-cells.js';
import type { Figures } from './fold-rounds.js';
import { isBeatenBy } from './ranking.js';

const cell = (variant: string, figures: Partial<Figures>) => summaryOf(variant, figures, 1);

describe('isBeatenBy', () => {
  const best = cell('libuv-async', { speedup: 1, speedupCiLow: 0.97, speedupCiHigh: 1.03 });

  it('calls a cell behind when its interval lies wholly below the best’s', () => {
    expect(isBeatenBy(cell('pooled', { speedup: 0.85, speedupCiLow: 0.83, speedupCiHigh: 0.87 }), best)).toBe(true);
  });

  it('widens an interval that thread placement decides by what the other placement could do', () => {
    const decided = { speedup: 0.85, speedupCiLow: 0.83, speedupCiHigh: 0.87, decidedByPlacement: true };
    // 0.87 × 1.2 reaches past 0.97: the other placement could put it level with the best.
    expect(isBeatenBy(cell('pooled', { ...decided, placementEffect: 1.2 }), best)).toBe(false);
    expect(isBeatenBy(cell('pooled', { ...decided, placementEffect: 1.05 }), best)).toBe(true);
    // A best whose own interval placement decides beats nothing on its tight lower bound alone.
    const decidedBest = cell('pooled', {
      speedup: 1.1,
      speedupCiLow: 1.08,
      speedupCiHigh: 1.12,
      decidedByPlacement: true,
      placementEffect: 1.2,
    });
    expect(isBeatenBy(cell('sync', { speedup: 1, speedupCiLow: 1, speedupCiHigh: 1 }), decidedBest)).toBe(false);
  });
});
