// `npm run test:cost`: what each test file costs, import and collection (the files that run real
// cells while they are collected) apart from its tests, slowest first, after vitest's own report.
import type { Reporter, TestModule } from 'vitest/node';

export default class SuiteCostReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    const costs = modules
      .map((module) => {
        const { collectDuration, duration } = module.diagnostic();
        return { file: module.relativeModuleId, project: module.project.name, collect: collectDuration / 1000, tests: duration / 1000 };
      })
      .sort((a, b) => b.collect + b.tests - (a.collect + a.tests));
    const total = costs.reduce((sum, cost) => sum + cost.collect + cost.tests, 0);
    const lines = costs
      .filter((cost) => cost.collect + cost.tests >= 1)
      .map(
        (cost) =>
          `${(cost.collect + cost.tests).toFixed(1).padStart(7)} s ${cost.collect.toFixed(1).padStart(6)} s ${cost.tests.toFixed(1).padStart(6)} s  ${cost.project.padEnd(8)} ${cost.file}`,
      );
    process.stdout.write(
      `\nWhat each file cost (import and collection, then tests), ${total.toFixed(0)} s in all, files of 1 s or more:\n   total  collect   tests  project  file\n${lines.join('\n')}\n`,
    );
  }
}
