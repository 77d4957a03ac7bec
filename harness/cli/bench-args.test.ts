import { describe, expect, it } from 'vitest';
import { UsageError } from '../plan/errors.js';
import { parseBenchArgs } from './bench-args.js';
import { abSampling, quickSampling, sampleBudgetFor } from './bench-defaults.js';

describe('bench --budget', () => {
  it('reads a duration with its unit', () => {
    expect(parseBenchArgs(['--budget', '90s']).budgetMs).toBe(90_000);
    expect(parseBenchArgs(['--budget', '5m']).budgetMs).toBe(300_000);
    expect(parseBenchArgs(['--budget', '1.5h']).budgetMs).toBe(5_400_000);
  });

  it.each([
    ['300', 'a bare number'],
    ['soon', 'a word'],
    ['-5m', 'a negative time'],
    ['0s', 'no time'],
  ])('refuses %s (%s) in one line naming the forms it takes', (text) => {
    expect(() => parseBenchArgs([`--budget=${text}`])).toThrow(
      new UsageError(`Expected --budget to be a duration with its unit, such as 90s, 5m or 1h, got "${text}"`),
    );
  });

  it.each([
    [['--rounds', '3'], '--rounds'],
    [['--server'], '--server'],
    [['--serve'], '--serve'],
  ])('refuses a budget beside %s, which makes rounds of its own', (other, name) => {
    expect(() => parseBenchArgs(['--budget', '2m', ...other])).toThrow(
      new UsageError(`Expected --budget or ${name}, got both (a budget plans the rounds itself)`),
    );
  });

  it.each([
    [['--server', '--rounds', '2', '--extra-rounds', '1'], 'extra-rounds', 'server', '--extra-rounds, --samples, --table'],
    [['--server', '--samples', '5'], 'samples', 'server', '--extra-rounds, --samples, --table'],
    [['--server', '--table'], 'table', 'server', '--extra-rounds, --samples, --table'],
    [['--serve', '--rounds', '3'], 'rounds', 'serve', '--rounds, --extra-rounds, --table'],
    [['--serve', '--table'], 'table', 'serve', '--rounds, --extra-rounds, --table'],
  ])('refuses %j: a flag the mode would ignore', (argv, flag, mode, list) => {
    expect(() => parseBenchArgs(argv)).toThrow(new UsageError(`Expected no --${flag} with --${mode}, which does not use it (${list})`));
  });

  it('refuses --extra-rounds without --rounds: follow-ups come after fixed rounds', () => {
    expect(() => parseBenchArgs(['--extra-rounds', '2'])).toThrow(UsageError);
    expect(parseBenchArgs(['--rounds', '3', '--extra-rounds', '2'])).toMatchObject({ rounds: 3, extraRounds: 2 });
  });
});

describe('what a cell samples', () => {
  it('gives --quick a short look, and the A/B that serves it the 200 ms it needs to see a 10% change', () => {
    const quick = sampleBudgetFor(parseBenchArgs(['--quick']), [1, 2]);
    const served = sampleBudgetFor(parseBenchArgs(['--quick', '--serve']), [1, 2]);
    expect(quick).toMatchObject({ tasks: 4, warmupMs: quickSampling.warmupMs, timeMs: quickSampling.timeMs });
    expect(served).toMatchObject({ tasks: 4, warmupMs: abSampling.warmupMs, timeMs: 200 });
    expect(quick.timeMs).toBeLessThan(served.timeMs);
  });

  it('keeps what the flags ask for', () => {
    expect(sampleBudgetFor(parseBenchArgs(['--quick', '--serve', '--time', '50', '--warmup', '0']), [2])).toMatchObject({
      timeMs: 50,
      warmupMs: 0,
    });
  });
});
