// `npm run report [-- results/latest.csv [head.csv]] [--out results/report.html] [--doctor FILE]`:
// a self-contained HTML page with charts and a Markdown summary beside it. Two CSVs: base and
// head, with the regression check's comparison. `--doctor`: the table of an `npm run doctor` run. Exit codes: 0 written, 2 bad input.
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOptions } from '../harness/cli/parse-options.js';
import { exitCodes, runCli } from '../harness/cli/run-cli.js';
import { readResultSet } from '../harness/compare/result-set.js';
import { compareResultSets } from '../harness/compare/verdict.js';
import { renderGroupCharts } from '../harness/report/charts.js';
import { renderComparisonSection } from '../harness/report/comparison.js';
import { doctorTableHtml, doctorTableMarkdown, readDoctorTable } from '../harness/report/doctor-table.js';
import { formatReportHtml, type ReportPage } from '../harness/report/html.js';
import { formatReportMarkdown } from '../harness/report/markdown.js';
import { groupCells, readReportData } from '../harness/report/report-data.js';
import { findCrossovers, judgeGroup } from '../harness/report/verdicts.js';
import { UsageError } from '../harness/usage-error.js';

const resultsDir = fileURLToPath(new URL('../../results/', import.meta.url));

async function main(): Promise<number> {
  const { values, positionals } = parseOptions(process.argv.slice(2), { out: { type: 'string' }, doctor: { type: 'string' } }, true);
  if (positionals.length > 2) throw new UsageError(`Expected one result CSV, or two (base and head), got ${positionals.length}`);
  const inputs = positionals.length > 0 ? positionals : [`${resultsDir}latest.csv`];
  const reported = inputs.at(-1) ?? '';
  const out = values.out ?? `${resultsDir}report.html`;
  const data = readReportData(reported);
  const groups = groupCells(data.cells);
  const sections = await Promise.all(
    groups.map(async (group) => ({
      verdict: judgeGroup(group),
      charts: await renderGroupCharts(group, data.run.cores),
      unmeasured: group.filter((cell) => cell.status !== 'ok'),
      // A single round has no interval at all: that is said once, in the verdict, not per cell.
      unstable: group.filter((cell) => cell.figures?.unstable === true && cell.rounds > 1),
    })),
  );
  const scenarios = [...new Set(groups.map((g) => g[0]?.scenario))];
  const page: ReportPage = {
    run: data.run,
    sections,
    crossovers: scenarios.map((scenario) => findCrossovers(groups.filter((g) => g[0]?.scenario === scenario))),
    ...(inputs.length === 2 ? { comparisonHtml: await comparisonSection(inputs[0] ?? '', reported) } : {}),
    ...(values.doctor === undefined ? {} : { doctor: doctorSection(values.doctor, out) }),
  };
  writeFileSync(out, formatReportHtml(page));
  writeFileSync(out.replace(/(\.html?)?$/i, '.md'), formatReportMarkdown(page));
  process.stderr.write(`report: ${sections.length} scenario-and-params sections from ${reported}: ${out}\n`);
  return exitCodes.ok;
}

function doctorSection(csvPath: string, reportPath: string): { html: string; markdown: string } {
  const rows = readDoctorTable(csvPath, reportPath);
  return { html: doctorTableHtml(rows), markdown: doctorTableMarkdown(rows) };
}

/** The regression check's defaults: 5% threshold, Holm at 0.05, throughput unless the machines differ. */
async function comparisonSection(basePath: string, headPath: string): Promise<string> {
  const base = readResultSet([basePath], 'base');
  const head = readResultSet([headPath], 'head');
  const metric = base.machine === head.machine ? 'throughput' : 'speedup';
  return renderComparisonSection(compareResultSets(base, head, { threshold: 0.05, alpha: 0.05, metric }), basename(basePath));
}

runCli('report', main);
