import { describe, expect, it } from 'vitest';
import { compareMeans, comparePaired, holmAdjust, minimumDetectableEffect, significanceStars } from './statistics.js';

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
    expect(compareMeans([10, 10, 10], [10, 10, 10])).toMatchObject({ change: 0, ciLow: 0, ciHigh: 0, pValue: 1 });
    expect(compareMeans([10, 10, 10], [9, 9, 9]).pValue).toBe(0);
  });
});

describe('comparePaired', () => {
  // Student's sleep data as log ratios: base_i = e^(group2_i), head_i = e^(group1_i), so that
  // ln(head_i ÷ base_i) are the paired differences. The 20%-trimmed one-sample t-test on them, by
  // scipy and numpy (trimmed mean, winsorized sd, t with n − 2g − 1 = 5 df): mean -1.3333,
  // se 0.176033, p 0.000636374, 95% CI [-1.7858408, -0.8808258].
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  const result = comparePaired(group2.map(Math.exp), group1.map(Math.exp));

  it('matches the trimmed paired t-test computed by scipy on the per-pair log ratios', () => {
    expect(result.pValue).toBeCloseTo(0.000636374, 8);
    expect(result.change).toBeCloseTo(Math.exp(-4 / 3) - 1, 10);
    expect(result.ciLow).toBeCloseTo(Math.exp(-1.7858408) - 1, 6);
    expect(result.ciHigh).toBeCloseTo(Math.exp(-0.8808258) - 1, 6);
    expect(result.spread).toEqual({ se: expect.closeTo(0.1760331, 6), df: 5, scale: 'log' });
  });

  it('keeps one stray pair from hiding a steady 10% slowdown (a plain t-test gives p = 0.38 here)', () => {
    const ratios = [-0.1, -0.09, -0.11, -0.1, 0.42, -0.095, -0.105, -0.1, -0.098, -0.102];
    const paired = comparePaired(
      ratios.map(() => 100),
      ratios.map((r) => 100 * Math.exp(r)),
    );
    expect(paired.pValue).toBeCloseTo(1.826643e-8, 12);
    expect(paired.change).toBeCloseTo(Math.exp(-0.0991667) - 1, 6);
  });

  it('is certain when every pair has the same ratio', () => {
    expect(comparePaired([10, 20, 30], [9, 18, 27])).toMatchObject({ change: expect.closeTo(-0.1, 10), pValue: 0 });
    expect(comparePaired([10, 20], [10, 20]).pValue).toBe(1);
  });
});

describe('minimumDetectableEffect', () => {
  it('is (t(0.975, df) + t(0.8, df)) × se, on the ratio scale for log spreads', () => {
    // R: qt(0.975, 9) = 2.262157, qt(0.8, 9) = 0.8834039.
    expect(minimumDetectableEffect({ se: 0.1, df: 9, scale: 'log' }, 0.05)).toBeCloseTo(Math.exp((2.262157 + 0.8834039) * 0.1) - 1, 5);
    expect(minimumDetectableEffect({ se: 0.1, df: 9, scale: 'relative' }, 0.05)).toBeCloseTo((2.262157 + 0.8834039) * 0.1, 5);
    expect(minimumDetectableEffect({ se: 0.1, df: 9, scale: 'log' }, 0.005)).toBeGreaterThan(
      minimumDetectableEffect({ se: 0.1, df: 9, scale: 'log' }, 0.05),
    );
  });
});

describe('holmAdjust', () => {
  it("matches R's p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm')", () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    for (const [i, expected] of [0.03, 0.06, 0.06, 0.02].entries()) expect(adjusted[i]).toBeCloseTo(expected, 12);
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
