import { describe, expect, it } from 'vitest';
import { MeasuredWindow, maxGcMsPerSecond, measuredBatchesFor, roleOfMeasuredBatch, windowUseOf } from './measured-window.js';

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

describe('timed and probed batches', () => {
  function spin(ms: number): void {
    const until = performance.now() + ms;
    while (performance.now() < until) {}
  }
  const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  it('alternate, a timed one first, at least one of each', () => {
    expect([1, 2, 3, 4, 5].map(roleOfMeasuredBatch)).toEqual(['timed', 'probed', 'timed', 'probed', 'timed']);
    expect(measuredBatchesFor(3)).toBe(3);
    const roles = Array.from({ length: measuredBatchesFor(1) }, (_, index) => roleOfMeasuredBatch(index + 1));
    expect(roles).toEqual(['timed', 'probed']);
  });

  it('run no probe timer through a timed batch, and count only timed batches in the window', () => {
    const window = new MeasuredWindow();
    const before = timers();
    window.resume(windowUseOf('timed'));
    expect(timers()).toBe(before);
    spin(30);
    window.pause();
    window.resume(windowUseOf('probed'));
    expect(timers()).toBe(before + 1);
    spin(20);
    window.pause();
    expect(timers()).toBe(before);
    const figures = window.close();
    // The 30 ms block was timed, not probed; the 20 ms one probed, not timed.
    expect(figures.measuredMs).toBeGreaterThanOrEqual(30);
    expect(figures.measuredMs).toBeLessThan(50);
    expect(figures.eldMaxMs).toBeGreaterThanOrEqual(20);
    expect(figures.eldMaxMs).toBeLessThan(30);
  });
});
