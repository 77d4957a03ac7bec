import { describe, expect, it } from 'vitest';
import { maxGcMsPerSecond } from './measured-window.js';

describe('maxGcMsPerSecond', () => {
  const spans = [
    { start: 1000, end: 1600 },
    { start: 2000, end: 3000 },
  ];

  it('sums GC pauses per whole second of the window and takes the worst second', () => {
    const entries = [
      { startTime: 1000, duration: 30 },
      { startTime: 1500, duration: 40 },
      { startTime: 2100, duration: 50 },
      { startTime: 2900, duration: 60 },
    ];
    expect(maxGcMsPerSecond(entries, spans)).toBe(110);
    expect(maxGcMsPerSecond([], [])).toBe(0);
  });

  it('counts a pause by when it started: one before the window, or between batches, is not the variant’s', () => {
    // Warm-up's last pause, delivered after measuring began; a pause during the harness's digest
    // between batches; the last batch's pause, delivered after the window closed.
    const entries = [
      { startTime: 990, duration: 80 },
      { startTime: 1800, duration: 70 },
      { startTime: 2950, duration: 20 },
    ];
    expect(maxGcMsPerSecond(entries, spans)).toBe(20);
  });
});
