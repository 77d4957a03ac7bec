// Markdown is written for pull-request comments and job summaries, and it carries user text: a
// param value, an error message, a CPU model. Hostile text there must show as written and never
// break a table, open a code span or become HTML, in every Markdown output.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot, reportFixture, runCompare, runReport } from '../../../test/helpers.js';
import { formatCsv } from '../../results/csv.js';
import { samplesPathFor } from '../../results/csv-file.js';
import { type CsvRecord, readCsvTable } from '../../results/csv-read.js';

const hostileParam = '<img src=x onerror=alert(1)>|a`b\nc';
const hostileError = 'boom | <b>bold</b>\n`tick` **x**';
const hostileCpu = 'AMD <EPYC> | 2 [cores](javascript:x)';

/** A copy of a fixture CSV with one param value, the errors and the CPU model made hostile. */
function hostileCopy(fixture: string, param: string, value: string, dir: string): string {
  const { columns, rows } = readCsvTable(fixture);
  const edited = rows.map((row): CsvRecord => {
    const hit = row[`param_${param}`] === value;
    return {
      ...row,
      cpu_model: hostileCpu,
      ...(hit ? { [`param_${param}`]: hostileParam, cell: (row.cell ?? '').replace(`${param}=${value}`, `${param}=${hostileParam}`) } : {}),
      ...(row.error ? { error: hostileError } : {}),
    };
  });
  const path = join(dir, `hostile-${fixture.split('/').pop()}`);
  writeFileSync(path, formatCsv(edited, columns, true));
  // The samples beside it, keyed to the same cells.
  const samples = samplesPathFor(fixture);
  if (existsSync(samples)) {
    const table = readCsvTable(samples);
    const renamed = table.rows.map((row) => ({
      ...row,
      cell: (row.cell ?? '').replace(`${param}=${value}/`, `${param}=${hostileParam}/`),
    }));
    writeFileSync(samplesPathFor(path), formatCsv(renamed, table.columns, true));
  }
  return path;
}

/** Every table keeps its header's number of cells on every row, and no user text became HTML. */
function expectSafe(markdown: string): void {
  // A code span shows its text literally, HTML included; outside one, nothing may be live.
  const outsideCode = markdown.replace(/(`+)[^`][\s\S]*?\1/g, '');
  expect(outsideCode.match(/.{0,60}(<img|<b>|<EPYC>|(?<!\\)\]\(javascript).{0,30}/g)).toBeNull();
  const cells = (line: string) => line.replace(/`[^`]*`/g, (span) => span.replaceAll('\\|', '')).split(/(?<!\\)\|/).length;
  const lines = markdown.split('\n');
  lines.forEach((line, index) => {
    if (!line.startsWith('|---') && !line.startsWith('| ---')) return;
    const header = lines[index - 1] ?? '';
    for (let row = index + 1; lines[row]?.startsWith('|'); row++) expect(cells(lines[row] ?? ''), lines[row]).toBe(cells(header));
  });
}

describe('Markdown with hostile user text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'threadbench-markdown-'));
  const run = hostileCopy(reportFixture, 'payload_kib', '16', dir);

  it("report's Markdown escapes params, errors and the machine", async () => {
    const report = await runReport([run, '--out', join(dir, 'report.html')]);
    expect(report.exitCode, report.all).toBe(0);
    const markdown = readFileSync(join(dir, 'report.md'), 'utf8');
    expectSafe(markdown);
    expect(markdown).toContain('payload_kib=&lt;img src=x onerror=alert(1)&gt;\\|a\\`b c');
    expect(markdown).toContain('boom \\| &lt;b&gt;bold&lt;/b&gt; \\`tick\\` \\*\\*x\\*\\*');
    expect(markdown).toContain('AMD &lt;EPYC&gt; \\| 2 \\[cores\\](javascript:x)');
  });

  it("compare's Markdown escapes cell ids and notes", async () => {
    const out = join(dir, 'compare.md');
    const compare = await runCompare([run, run, '--markdown', out]);
    expect([0, 1], compare.all).toContain(compare.exitCode);
    const markdown = readFileSync(out, 'utf8');
    expectSafe(markdown);
    expect(markdown).toContain('``gzip/payload_kib=<img src=x onerror=alert(1)>\\|a`b c/spawn-per-task/2``');
    expect(markdown).toContain('head crashed: boom \\| &lt;b&gt;bold&lt;/b&gt; \\`tick\\` \\*\\*x\\*\\*');
  });

  it("the server report's Markdown escapes params and the machine", async () => {
    const server = hostileCopy(join(projectRoot, 'test/fixtures/runs/server-tiny.server.csv'), 'task_ms', '5', dir);
    const report = await runReport([server, '--out', join(dir, 'server.html')]);
    expect(report.exitCode, report.all).toBe(0);
    const markdown = readFileSync(join(dir, 'server.md'), 'utf8');
    expectSafe(markdown);
    expect(markdown).toContain('task_ms=&lt;img src=x onerror=alert(1)&gt;\\|a\\`b c');
  });
});
