// `threadbench report`: a self-contained HTML page with charts, and a Markdown summary beside it.
import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readResultSet } from '../../compare/result-set.js';
import { compareResultSets, gateDefaults } from '../../compare/verdict.js';
import { UsageError } from '../../plan/errors.js';
import { renderGroupCharts } from '../../report/charts.js';
import { renderComparisonSection } from '../../report/comparison.js';
import { doctorTableHtml, doctorTableMarkdown, readDoctorTable } from '../../report/doctor-table.js';
import { compareHandoffs } from '../../report/handoffs.js';
import { formatReportHtml, type ReportPage } from '../../report/html.js';
import { formatReportMarkdown } from '../../report/markdown.js';
import { compareNodes } from '../../report/nodes.js';
import { comparePools } from '../../report/pools.js';
import { groupCells, readReportData, readRunInfo } from '../../report/report-data.js';
import { formatServerReport, isServerCsv } from '../../report/server-report.js';
import { findCrossovers, judgeGroup } from '../../report/verdicts.js';
import { readCsvTable } from '../../results/csv-read.js';
import { resultsDir } from '../../results/paths.js';
import { serverRoundsOf } from '../../results/server-round.js';
import type { Command } from '../command.js';
import { formatOptions, type OptionTable } from '../option-table.js';
import { parseOptions } from '../parse-options.js';
import { exitCodes } from '../run-cli.js';

/** Every flag of `threadbench report`: what the parser reads, and what --help and docs/reference/cli.md say. */
const reportOptions = {
  out: {
    type: 'string',
    value: 'FILE',
    help: 'the page; the Markdown goes beside it as .md',
    defaultText: 'results/report.html, or results/server-report.html for a server-mode run, so that one does not overwrite the other',
  },
  doctor: { type: 'string', value: 'FILE', help: 'add the table of a threadbench doctor run (its CSV)' },
} as const satisfies OptionTable;

const usage = `Usage: threadbench report [results.csv | base.csv head.csv] [options]
       npm run report -- …   (in this repository)

Writes a self-contained HTML page (charts, per scenario the best variant where intervals separate,
the crossovers) and a Markdown summary beside it, from one run (default results/latest.csv).
Two CSVs: base and head, with the regression check's comparison added. A server-mode CSV
(bench --server): /ping p99 against offered load, and each variant's responsive capacity.

${formatOptions(reportOptions)}

Exit codes: 0 written, 2 bad input, 3 the tool failed.`;

async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, reportOptions, true);
  if (positionals.length > 2) throw new UsageError(`Expected one result CSV, or two (base and head), got ${positionals.length}`);
  const inputs = positionals.length > 0 ? positionals : [resultsDir('latest.csv')];
  const reported = inputs.at(-1) ?? '';
  const out = values.out ?? resultsDir('report.html');
  if (existsSync(reported)) {
    const table = readCsvTable(reported);
    if (isServerCsv(table.columns)) {
      const serverOut = values.out ?? resultsDir('server-report.html');
      if (inputs.length > 1 || values.doctor !== undefined) throw new UsageError('Expected one server-mode CSV and no --doctor, got more');
      const page = await formatServerReport(serverRoundsOf(table.rows), readRunInfo(table.rows));
      writeReport(serverOut, page.html, page.markdown);
      process.stderr.write(`report: server mode, from ${reported}: ${serverOut}\n`);
      return exitCodes.ok;
    }
  }
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
  const pools = await comparePools(data.cells);
  const handoffs = await compareHandoffs(data.cells);
  const nodes = compareNodes(data.cells, reported);
  const page: ReportPage = {
    run: data.run,
    sections,
    crossovers: scenarios.map((scenario) => findCrossovers(groups.filter((g) => g[0]?.scenario === scenario))),
    ...(pools ? { pools } : {}),
    ...(handoffs ? { handoffs } : {}),
    ...(nodes ? { nodes } : {}),
    ...(inputs.length === 2 ? { comparisonHtml: await comparisonSection(inputs[0] ?? '', reported) } : {}),
    ...(values.doctor === undefined ? {} : { doctor: doctorSection(values.doctor, out) }),
  };
  writeReport(out, formatReportHtml(page), formatReportMarkdown(page));
  process.stderr.write(`report: ${sections.length} scenario-and-params sections from ${reported}: ${out}\n`);
  return exitCodes.ok;
}

/** The page, and its Markdown beside it: `report.html` → `report.md`. */
function writeReport(out: string, html: string, markdown: string): void {
  writeFileSync(out, html);
  writeFileSync(out.replace(/(\.html?)?$/i, '.md'), markdown);
}

function doctorSection(csvPath: string, reportPath: string): { html: string; markdown: string } {
  const rows = readDoctorTable(csvPath, reportPath);
  return { html: doctorTableHtml(rows), markdown: doctorTableMarkdown(rows) };
}

/** The regression check's defaults (gateDefaults), on throughput unless the machines differ. */
async function comparisonSection(basePath: string, headPath: string): Promise<string> {
  const base = readResultSet([basePath], 'base');
  const head = readResultSet([headPath], 'head');
  const metric = base.machine === head.machine ? 'throughput' : 'speedup';
  return renderComparisonSection(
    compareResultSets(base, head, { threshold: gateDefaults.threshold, alpha: gateDefaults.alpha, metric }),
    basename(basePath),
  );
}

export const reportCommand: Command = {
  name: 'report',
  usage,
  options: reportOptions,
  run: main,
};
