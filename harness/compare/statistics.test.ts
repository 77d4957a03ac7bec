import { describe, expect, it } from 'vitest';
import { compareMeans, holmAdjust, significanceStars } from './statistics.js';

describe('compareMeans', () => {
  it("matches R's t.test on Student's sleep data (Welch: t = -1.8608, df = 17.776, p = 0.07939)", () => {
    const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    // head = group1, base = group2: R's CI of group1 − group2 is [-3.3654832, 0.2054832].
    const result = compareMeans(group2, group1);
    const baseMean = 2.33;
    expect(result.pValue).toBeCloseTo(0.07939, 5);
    expect(result.change).toBeCloseTo((0.75 - baseMean) / baseMean, 10);
    expect(result.ciLow).toBeCloseTo(-3.3654832 / baseMean, 6);
    expect(result.ciHigh).toBeCloseTo(0.2054832 / baseMean, 6);
  });

  it('gives a certain answer when neither side varies', () => {
    expect(compareMeans([10, 10, 10], [10, 10, 10])).toEqual({ change: 0, ciLow: 0, ciHigh: 0, pValue: 1 });
    expect(compareMeans([10, 10, 10], [9, 9, 9]).pValue).toBe(0);
  });
});

describe('holmAdjust', () => {
  it("matches R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm')", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });

  it('never exceeds 1', () => {
    expect(holmAdjust([0.5, 0.6, 0.9])).toEqual([1, 1, 1]);
  });
});

describe('significanceStars', () => {
  it('follows compare.R: *** below 0.001, ** below 0.01, * below 0.05', () => {
    expect([0.0005, 0.005, 0.04, 0.2].map(significanceStars)).toEqual(['***', '**', '*', '']);
  });
});
