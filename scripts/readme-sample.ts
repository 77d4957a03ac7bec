// `npm run docs:sample`: the README's sample answer and its picture of the report, from a real run.
// Runs `threadbench bench` (the default run unless arguments follow `--`), keeps its files, its
// answer and its log in docs/evidence/<date>-<cpu>-<cores>/readme-sample/, draws its report and
// screenshots the top of it into docs/img/report.png, and writes the answer into the README between
// its sample markers. test/docs.test.ts checks that the README's block is that file, word for word.
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { launchChromium } from '../test/browser.js';
import { commitOf, evidenceDir } from './evidence-dir.js';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));
const threadbench = join(projectRoot, 'dist/harness/cli/main.js');
export const sampleStart = '<!-- the sample answer: npm run docs:sample writes it -->';
export const sampleEnd = '<!-- end of the sample answer -->';
export const answerFile = 'answer.txt';

async function main(args: readonly string[]): Promise<void> {
  const dir = evidenceDir(projectRoot, 'readme-sample');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const commit = await commitOf(projectRoot);
  const started = Date.now();
  const run = await execa('node', [threadbench, 'bench', ...args, '--out', join(dir, 'run.csv')], {
    cwd: projectRoot,
    reject: false,
    env: { NO_COLOR: '1' },
  });
  const wallS = (Date.now() - started) / 1000;
  writeFileSync(join(dir, 'run.log'), `${run.stderr}\n`);
  if (run.exitCode !== 0) throw new Error(`the bench exited ${run.exitCode}: see ${join(dir, 'run.log')}`);
  const answer = run.stdout.trim();
  writeFileSync(join(dir, answerFile), `${answer}\n`);
  const report = await execa('node', [threadbench, 'report', join(dir, 'run.csv'), '--out', join(dir, 'report.html')], {
    cwd: projectRoot,
  });
  process.stderr.write(`${report.stderr}\n`);
  const picture = join(projectRoot, 'docs/img/report.png');
  mkdirSync(join(projectRoot, 'docs/img'), { recursive: true });
  await screenshotTop(join(dir, 'report.html'), picture);
  copyFileSync(picture, join(dir, 'report.png'));
  // The samples file is the run's largest: kept, gzipped, as the other evidence keeps it.
  const samples = join(dir, 'run.samples.csv');
  writeFileSync(`${samples}.gz`, gzipSync(readFileSync(samples)));
  rmSync(samples);
  const machine = `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${availableParallelism()} cores available, Node ${process.version}`;
  const command = `threadbench bench ${args.join(' ')}`.trim();
  writeFileSync(
    join(dir, 'README.md'),
    [
      `# The README's sample run (${new Date(started).toISOString()})`,
      '',
      `Produced by \`npm run docs:sample\` (scripts/readme-sample.ts): \`${command}\` on ${machine}, commit ${commit}, ` +
        `${wallS.toFixed(0)} s. Beside this file: the run's CSVs (the samples gzipped), its log (stderr), the answer it printed (${answerFile}), ` +
        'its report, and the screenshot of the report the README shows.',
      '',
      '```text',
      answer,
      '```',
      '',
    ].join('\n'),
  );
  const readmePath = join(projectRoot, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const [before, rest] = readme.split(sampleStart);
  const after = rest?.split(sampleEnd)[1];
  if (before === undefined || after === undefined) throw new Error(`the README has no "${sampleStart}" … "${sampleEnd}" block`);
  const where = relative(projectRoot, dir);
  const block = [
    sampleStart,
    '```text',
    answer,
    '```',
    '',
    `<sub>\`${command}\`, ${new Date(started).toISOString().slice(0, 10)}, ${machine}, commit ${commit}, ${wallS.toFixed(0)} s: [the run](${where}/).</sub>`,
    sampleEnd,
  ].join('\n');
  writeFileSync(readmePath, `${before}${block}${after}`);
  process.stderr.write(`written: ${where}/, docs/img/report.png and the README's sample\n`);
}

/** The report's first screen, as a reader opening it sees it. */
async function screenshotTop(page: string, path: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const tab = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    await tab.goto(`file://${page}`);
    await tab.screenshot({ path });
  } finally {
    await browser.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`readme-sample: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 3;
  });
}
