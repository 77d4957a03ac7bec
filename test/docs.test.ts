// The docs stay true to the code: the references are the code's own tables, every command a page
// shows is one the CLI parses, every path a page names exists, and measured figures stay in
// docs/evidence/, dated, while the README and the guides state rules and link to them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from '../harness/cli/bench-args.js';
import { commands } from '../harness/cli/commands.js';
import { parseOptions } from '../harness/cli/parse-options.js';
import { csvFiles } from '../harness/results/csv-reference.js';
import { referencePages } from '../scripts/docs-reference.js';
import { answerFile, sampleEnd, sampleStart } from '../scripts/readme-sample.js';
import { projectRoot } from './helpers.js';

/** README.md and every page under docs/, evidence apart: what a reader is sent to. */
function pages(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return path === join('docs', 'evidence') ? [] : walk(path);
      return entry.name.endsWith('.md') ? [path] : [];
    });
  return ['README.md', ...walk('docs')];
}

const read = (page: string) => readFileSync(join(projectRoot, page), 'utf8');

describe('the reference pages', () => {
  it.each(Object.entries(referencePages))('%s is what the code writes (npm run docs:reference)', async (path, write) => {
    expect(read(path)).toBe(`${await write()}\n`);
  });

  it.each(csvFiles().map((file) => [file.file, file] as const))('describes every column %s has, and no other', (_, file) => {
    expect(file.columns.filter((column) => file.docs[column] === undefined)).toEqual([]);
  });

  it('describes no column that no file writes', () => {
    const written = new Set(csvFiles().flatMap((file) => file.columns));
    const described = csvFiles().flatMap((file) => Object.keys(file.docs));
    expect([...new Set(described)].filter((column) => !written.has(column))).toEqual([]);
  });
});

/** The words of a shell line, quotes removed: enough for the commands the docs show. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((match) => match[1] ?? match[2] ?? match[3] ?? '');
}

const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;

/** Every `threadbench …`, `npx threadbench …` and `npm run …` in a page's sh/bash blocks, as the page writes it. */
function shownCommands(page: string): string[] {
  const blocks = [...read(page).matchAll(/```(?:sh|bash|shell)\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .flatMap((line) => line.split(/\s*(?:&&|;|\|\|)\s*/))
    .filter((line) => /^(npx threadbench|threadbench|npm run) /.test(line));
}

const shown = pages().flatMap((page) => shownCommands(page).map((line) => [line, page] as const));

describe('every command the README and the guides show', () => {
  it('is found (the check has something to check)', () => {
    expect(shown.length).toBeGreaterThan(10);
  });

  it.each(shown)('parses: %s (%s)', async (line) => {
    const words = shellWords(line);
    const [first, second, ...rest] = words;
    let name: string | undefined;
    let args: string[];
    if (first === 'npm') {
      const script = rest[0] ?? '';
      expect(scripts[script], `package.json has no script "${script}"`).toBeDefined();
      const target = /node dist\/harness\/cli\/main\.js (\w+)(.*)$/.exec(scripts[script] ?? '');
      if (!target) return; // a script of its own (selftest, smoke), not a threadbench command
      name = target[1];
      const dashes = rest.indexOf('--');
      args = [...shellWords(target[2] ?? ''), ...(dashes < 0 ? [] : rest.slice(dashes + 1))];
    } else {
      name = first === 'npx' ? rest[0] : second;
      args = first === 'npx' ? rest.slice(1) : rest;
    }
    const listed = commands.find((c) => c.name === name);
    expect(listed, `no threadbench command "${name}"`).toBeDefined();
    if (!listed || args.includes('--help')) return;
    const command = await listed.load();
    parseOptions(args, command.options, true, command.name === 'compare' ? ['bench'] : []);
    if (command.name === 'bench') parseBenchArgs(args);
  });
});

describe('every path a page names', () => {
  const links = pages().flatMap((page) =>
    [...read(page).matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => (match[1] ?? '').replace(/#.*$/, ''))
      .filter((target) => target !== '' && !/^[a-z]+:/.test(target))
      .map((target) => [relative(projectRoot, join(projectRoot, dirname(page), target)), page] as const),
  );
  const named = pages().flatMap((page) =>
    [...read(page).matchAll(/`((?:harness|scripts|scenarios|docs|test|\.ci)\/[\w./-]+)`/g)].map((match) => [match[1] ?? '', page] as const),
  );

  it('is found (the check has something to check)', () => {
    expect(links.length + named.length).toBeGreaterThan(10);
  });

  it.each([...links, ...named])('%s (from %s) exists', (path) => {
    expect(existsSync(join(projectRoot, path))).toBe(true);
  });
});

describe("the README's sample answer", () => {
  const readme = read('README.md');
  const block = readme.split(sampleStart)[1]?.split(sampleEnd)[0] ?? '';
  const run = /\]\((docs\/evidence\/[^)]+\/readme-sample)\/\)/.exec(block)?.[1];

  it('is what npm run docs:sample printed, word for word, and names the run it came from', () => {
    expect(run, 'the sample names no run under docs/evidence/').toBeDefined();
    const answer = read(join(run ?? '', answerFile)).trim();
    expect(block).toContain(`\`\`\`text\n${answer}\n\`\`\``);
  });
});

describe('the README and the guides', () => {
  it('keep the README to a first read: at most 250 lines', () => {
    expect(read('README.md').split('\n').length).toBeLessThanOrEqual(250);
  });

  it.each(pages())('%s leaves dated figures to docs/evidence/: no "today", no "this host"', (page) => {
    expect(read(page).match(/\btoday\b|\bthis host\b/gi) ?? []).toEqual([]);
  });
});
