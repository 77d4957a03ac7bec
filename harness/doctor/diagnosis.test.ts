import { describe, expect, it } from 'vitest';
import { describeDiagnosis, toDiagnosis } from './diagnosis.js';

// The shape @clinic/doctor 11's analysis produces (analysis/index.js).
const eventLoop = {
  interval: [1, 2],
  issues: {
    delay: 'performance',
    cpu: 'none',
    memory: { external: 'none', rss: 'none', heapTotal: 'none', heapUsed: 'none' },
    handles: 'none',
    loopUtilization: 'performance',
  },
  issueCategory: 'event-loop',
};

describe("Doctor's analysis", () => {
  it('narrows to a category and one finding per measure', () => {
    expect(toDiagnosis(eventLoop)).toEqual({
      category: 'event-loop',
      delay: 'performance',
      cpu: 'none',
      memory: 'none',
      handles: 'none',
      loopUtilization: 'performance',
      windowMs: 1,
    });
    expect(toDiagnosis({ ...eventLoop, interval: [-Infinity, Infinity] }).windowMs).toBeNaN();
  });

  it('aggregates memory the way Doctor does: any data issue first, then any performance issue', () => {
    const memory = (heapUsed: string, heapTotal: string) =>
      toDiagnosis({ ...eventLoop, issues: { ...eventLoop.issues, memory: { ...eventLoop.issues.memory, heapUsed, heapTotal } } }).memory;
    expect(memory('performance', 'none')).toBe('performance');
    expect(memory('performance', 'data')).toBe('data');
  });

  it('refuses an analysis it does not understand, saying what it got', () => {
    expect(() => toDiagnosis({ issueCategory: 'sleepy', issues: {} })).toThrow(/Expected Doctor's analysis to have an issueCategory/);
    expect(() => toDiagnosis(null)).toThrow(/Expected Doctor's analysis to have an issueCategory/);
    expect(() => toDiagnosis({ ...eventLoop, issues: { ...eventLoop.issues, memory: 'none' } })).toThrow(
      /Expected Doctor's memory issues to be an object/,
    );
    expect(() => toDiagnosis({ ...eventLoop, issues: { ...eventLoop.issues, cpu: true } })).toThrow(
      /Expected a Doctor finding .* got true/,
    );
  });

  it('reads as one line', () => {
    expect(describeDiagnosis(toDiagnosis(eventLoop))).toBe(
      'event-loop (delay performance, cpu none, memory none, handles none, loop utilization performance)',
    );
  });
});
