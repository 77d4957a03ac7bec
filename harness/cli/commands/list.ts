// `threadbench list`: what `bench` would sweep, before anything runs.

import { builtInScenarioDir, findScenarioFiles, loadScenarios } from '../../plan/scenario-loader.js';
import type { Command } from '../command.js';
import { nonEmpty } from '../flags.js';
import { formatOptions, type OptionTable } from '../option-table.js';
import { parseOptions } from '../parse-options.js';
import { exitCodes } from '../run-cli.js';
import { formatScenarioList } from '../scenario-list.js';

/** Every flag of `threadbench list`. */
const listOptions = {
  scenarios: { type: 'string', value: 'PATH', help: 'list the scenarios of this directory or file instead of the built-ins' },
} as const satisfies OptionTable;

const usage = `Usage: threadbench list [--scenarios PATH]

Lists each scenario (the built-ins, or those under --scenarios: a directory or a .js file), its
parameters and the variants it supports, with the reason where libuv-async has no form.

${formatOptions(listOptions)}

Exit codes: 0 listed, 2 bad input (no scenario found, a module that is not a scenario).`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseOptions(argv, listOptions);
  const source = values.scenarios === undefined ? builtInScenarioDir : nonEmpty('--scenarios', values.scenarios);
  process.stdout.write(`${formatScenarioList(await loadScenarios(findScenarioFiles(source)))}\n`);
  return exitCodes.ok;
}

export const listCommand: Command = {
  name: 'list',
  usage,
  options: listOptions,
  run: main,
};
