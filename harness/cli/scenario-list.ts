// `threadbench list` and `bench --list`: each scenario, its parameters, the variants and hand-offs it supports.
import { handoffs } from '../api/handoff.js';
import { variants } from '../api/variant.js';
import type { LoadedScenario } from '../plan/scenario-loader.js';

export function formatScenarioList(loaded: readonly LoadedScenario[]): string {
  return loaded
    .map(({ file, scenario }) => {
      const params = Object.entries(scenario.params).map(([name, values]) => `    --param ${name}=${values.join(',')}`);
      const supported = variants.filter((v) => v !== 'libuv-async' || scenario.runAsync !== undefined);
      const lines = [
        `${scenario.name}: ${scenario.description}`,
        `  file: ${file}`,
        '  params:',
        ...params,
        `  variants: ${supported.join(', ')}`,
        `  handoffs: ${handoffs.filter((h) => h === 'clone' || scenario.handoff?.[h] !== undefined).join(', ')}`,
      ];
      if (scenario.noThreadpoolForm !== undefined) lines.push(`  libuv-async: n/a (${scenario.noThreadpoolForm})`);
      return lines.join('\n');
    })
    .join('\n\n');
}
