// Code that sends its reader to the docs names a page and a section by its title:
// (docs/methodology.md, "Rounds"), or (README, "Gate your pull requests"). Every such title must still be there,
// as a heading or as a paragraph's bold run-in title, so that a renamed or moved section cannot
// leave the code pointing at nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
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

interface Reference {
  readonly from: string;
  /** The page, from the project's root: README.md, docs/guide/pools.md. */
  readonly page: string;
  readonly title: string;
}

/** `(docs/methodology.md, "Rounds")`, `docs/guide/doctor.md: "Diagnosis"`: the sections a file sends its reader to. */
function referencesIn(path: string): Reference[] {
  const source = readFileSync(path, 'utf8');
  return [...source.matchAll(/(README|docs\/[\w./-]+\.md)[,:] "([^"$]+)"/g)].map((match) => ({
    from: relative(projectRoot, path),
    page: match[1] === 'README' ? 'README.md' : (match[1] ?? ''),
    // A title that a comment wraps across lines is read as one line.
    title: (match[2] ?? '').replace(/\s*\n\s*(?:\*|\/\/)?\s*/g, ' '),
  }));
}

/** A page's headings and bold run-in titles. */
function titlesOf(page: string): string[] {
  const text = readFileSync(join(projectRoot, page), 'utf8');
  return [
    ...[...text.matchAll(/^#+ (.+)$/gm)].map((match) => match[1]?.trim() ?? ''),
    ...[...text.matchAll(/^(?:- )?\*\*([^*]+)\*\*/gm)].map((match) => match[1]?.trim().replace(/[.:]$/, '') ?? ''),
  ];
}

const references = sourceDirs.flatMap((dir) => sourceFiles(join(projectRoot, dir))).flatMap(referencesIn);

describe("the code's references to sections of the docs", () => {
  it('are found (the check has something to check)', () => {
    expect(references.length).toBeGreaterThan(10);
  });

  it.each(references.map((reference) => [reference.page, reference.title, reference.from]))(
    '%s "%s" (from %s) is a heading or bold title',
    (page, title) => {
      expect(existsSync(join(projectRoot, page)), `${page} does not exist`).toBe(true);
      // A heading may go on after the title ("Data hand-off: clone, transfer, shared").
      const found = titlesOf(page).some(
        (heading) => heading === title || heading.startsWith(`${title}:`) || heading.startsWith(`${title} `),
      );
      expect(found, `${page} has no section titled "${title}"`).toBe(true);
    },
  );
});
