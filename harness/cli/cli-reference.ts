// The CLI reference (docs/reference/cli.md), written from every command's option table: each flag
// the parser takes, its value, its default and what it does. A test compares the file with this.
import { markdownCode, markdownText } from '../results/markdown-text.js';
import type { Command } from './command.js';
import { commands, type ListedCommand } from './commands.js';
import { flagOf } from './option-table.js';

export async function cliReference(): Promise<string> {
  const sections = await Promise.all(commands.map(async (listed) => commandSection(listed, await listed.load())));
  return [
    '# CLI reference',
    '',
    'Written from the option tables the parser reads (`npm run docs:reference`); the suite fails when this page and the code disagree. Every command also answers `--help`.',
    '',
    '`threadbench <command> [options]`, or in this repository `npm run <command> -- [options]`.',
    'Exit codes, every command: `0` ok, `1` a result says no (a cell failed, a regression), `2` bad input (one line naming what is valid),',
    '`3` the tool itself failed, `130`/`143`/`129` stopped by SIGINT/SIGTERM/SIGHUP (what was written is kept).',
    '',
    ...sections.flat(),
  ].join('\n');
}

function commandSection({ summary }: ListedCommand, command: Command): string[] {
  const rows = Object.entries(command.options).map(
    ([name, option]) =>
      `| ${markdownCode(flagOf(name, option))} | ${option.defaultText === undefined ? '' : markdownText(option.defaultText)} | ${markdownText(option.help)} |`,
  );
  return [
    `## threadbench ${command.name}`,
    '',
    `${markdownText(summary)}.`,
    '',
    '```text',
    synopsisOf(command.usage),
    '```',
    '',
    '| flag | default | what it does |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** A usage text's first paragraph: its `Usage:` lines. */
function synopsisOf(usage: string): string {
  return usage.split('\n\n')[0] ?? usage;
}
