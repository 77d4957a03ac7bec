// `npm run docs:reference`: writes docs/reference/cli.md and docs/reference/csv.md from the code
// (the commands' option tables, the CSV writers' columns). test/docs.test.ts fails when they are stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliReference } from '../harness/cli/cli-reference.js';
import { csvReference } from '../harness/results/csv-reference.js';

export const referencePages = {
  'docs/reference/cli.md': cliReference,
  'docs/reference/csv.md': csvReference,
} as const;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
  for (const [path, write] of Object.entries(referencePages)) {
    writeFileSync(`${projectRoot}${path}`, `${await write()}\n`);
    process.stderr.write(`written: ${path}\n`);
  }
}
