// Code that sends its reader to the README names a section by its title: (README, "Rounds").
// Every such title must still be there, as a heading or as a paragraph's bold run-in title, so
// that a renamed section cannot leave the code pointing at nothing.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from './helpers.js';

const sourceDirs = ['harness', 'scenarios', 'scripts', 'test'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : sourceFiles(path);
    return /\.(ts|mts|mjs)$/.test(entry.name) ? [path] : [];
  });
}

/** `(README, "Rounds")`, `README: "Diagnosis"`: the titles a file sends its reader to. */
function referencesIn(path: string): { file: string; title: string }[] {
  const source = readFileSync(path, 'utf8');
  return [...source.matchAll(/README[,:] "([^"$]+)"/g)].map((match) => ({
    file: relative(projectRoot, path),
    // A title that a comment wraps across lines is read as one line.
    title: (match[1] ?? '').replace(/\s*\n\s*(?:\*|\/\/)?\s*/g, ' '),
  }));
}

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
const titles = new Set([
  ...[...readme.matchAll(/^#+ (.+)$/gm)].map((match) => match[1]?.trim() ?? ''),
  ...[...readme.matchAll(/^(?:- )?\*\*([^*]+)\*\*/gm)].map((match) => match[1]?.trim().replace(/[.:]$/, '') ?? ''),
]);
const references = sourceDirs.flatMap((dir) => sourceFiles(join(projectRoot, dir))).flatMap(referencesIn);

describe("the code's references to README sections", () => {
  it('are found (the check has something to check)', () => {
    expect(references.length).toBeGreaterThan(10);
  });

  it.each(references.map((reference) => [reference.title, reference.file]))('"%s" (from %s) is a README heading or bold title', (title) => {
    // A heading may go on after the title ("Data hand-off: clone, transfer, shared").
    const found = [...titles].some((heading) => heading === title || heading.startsWith(`${title}:`) || heading.startsWith(`${title} `));
    expect(found, `README has no section titled "${title}"`).toBe(true);
  });
});
