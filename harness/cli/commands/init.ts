// `threadbench init`: an example scenario and a pull-request gate, written into the user's project.
// It never overwrites: a file already there is the user's, and the command stops before writing any.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { buildScript, installCommand } from '../../compare/checkout.js';
import { UsageError } from '../../plan/errors.js';
import { stripsTypes } from '../../plan/scenario-loader.js';
import type { Command } from '../command.js';
import {
  exampleScenario,
  exampleScenarioPath,
  gateWorkflow,
  nodeVersionFileOf,
  type ScenarioLanguage,
  scenarioDir,
  workflowPath,
} from '../init-files.js';
import { formatOptions, type OptionTable } from '../option-table.js';
import { parseOptions } from '../parse-options.js';
import { exitCodes } from '../run-cli.js';

/** Every flag of `threadbench init`. */
const initOptions = {
  language: {
    type: 'string',
    value: 'js|ts',
    help: "the example scenario's language",
    defaultText: 'ts where the project has a tsconfig.json, else js',
  },
} as const satisfies OptionTable;

const usage = `Usage: threadbench init [--language js|ts]

Run in your project's directory (where its package.json is). Writes:
  ${exampleScenarioPath('js')} (or .mts)   an example scenario to replace with your own kernel
  ${workflowPath}     a GitHub Actions workflow: on every pull request, an interleaved
                                   A/B of your scenarios at the base branch and the head
                                   (threadbench compare --base-ref), its Markdown in the job summary

${formatOptions(initOptions)}

Refuses to overwrite: if either file exists, nothing is written.
Exit codes: 0 written, 2 bad input (no package.json here, a file already there).`;

async function main(argv: readonly string[]): Promise<number> {
  const { values } = parseOptions(argv, initOptions);
  const project = process.cwd();
  if (!existsSync(join(project, 'package.json'))) {
    throw new UsageError(`Expected to run in your project's directory (its package.json), found no package.json in ${project}`);
  }
  const language = values.language === undefined ? languageOf(project) : toLanguage(values.language);
  const build = buildScript(project);
  const nodeVersionFile = nodeVersionFileOf(project);
  const files: [string, string][] = [
    [exampleScenarioPath(language), exampleScenario(language)],
    [
      workflowPath,
      gateWorkflow({
        language,
        install: installCommand(project),
        ...(build !== undefined ? { build } : {}),
        ...(nodeVersionFile !== undefined ? { nodeVersionFile } : {}),
      }),
    ],
  ];
  const present = files.map(([path]) => path).filter((path) => existsSync(join(project, path)));
  if (present.length > 0) {
    throw new UsageError(
      `Expected to write ${files.map(([path]) => path).join(' and ')}, found ${present.join(' and ')} already there: nothing written`,
    );
  }
  for (const [path, text] of files) {
    mkdirSync(dirname(join(project, path)), { recursive: true });
    writeFileSync(join(project, path), text, { flag: 'wx' });
    process.stdout.write(`wrote ${path}\n`);
  }
  process.stdout.write(nextSteps(project, language));
  return exitCodes.ok;
}

function languageOf(project: string): ScenarioLanguage {
  return existsSync(join(project, 'tsconfig.json')) ? 'ts' : 'js';
}

function toLanguage(text: string): ScenarioLanguage {
  if (text !== 'js' && text !== 'ts') throw new UsageError(`Expected --language to be js or ts, got "${text}"`);
  return text;
}

function nextSteps(project: string, language: ScenarioLanguage): string {
  const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const declared = manifest.devDependencies?.threadbench ?? manifest.dependencies?.threadbench;
  const lines = [
    '',
    'Next:',
    ...(declared === undefined ? ['  add threadbench to your devDependencies: the workflow runs the version your lock file pins'] : []),
    ...(language === 'ts' && !stripsTypes()
      ? [
          `  this Node (${process.version}) does not strip types: run the .mts example on Node 22.18 or later (as the workflow must), or init --language js`,
        ]
      : []),
    `  npx threadbench bench --scenarios ${scenarioDir} --quick   try it here`,
    `  commit ${scenarioDir}/ and ${workflowPath}: every pull request is then compared with its base`,
  ];
  return `${lines.join('\n')}\n`;
}

export const initCommand: Command = {
  name: 'init',
  usage,
  options: initOptions,
  run: main,
};
