#!/usr/bin/env node
import { UsageError } from '../plan/errors.js';
import { ownManifest } from '../plan/manifest.js';
// `threadbench <command> [options]`: one binary, one parser (parse-options.ts), one exit-code
// contract (run-cli.ts). `npm run bench` and the other scripts of this repository are aliases.
import { commands } from './commands.js';
import { exitCodes, runCli } from './run-cli.js';

const usage = `Usage: threadbench <command> [options]

Should this work run on the main thread, on libuv's threadpool, in a new worker per task or in a
worker pool, and with how many threads? Measured, per scenario, on this machine.

Commands:
${commands.map((command) => `  ${command.name.padEnd(9)}${command.summary}`).join('\n')}

threadbench <command> --help    that command's options
threadbench --version           the installed version

Exit codes, every command: 0 ok, 1 a result says no (a cell failed, a regression), 2 bad input,
3 the tool itself failed, 130/143/129 stopped by SIGINT/SIGTERM/SIGHUP (what was written is kept).`;

/** `--help` anywhere among a command's arguments, as a word of its own, asks for its help. */
const asksForHelp = (argv: readonly string[]) => argv.some((arg) => arg === '--help' || arg === '-h');

const [name, ...rest] = process.argv.slice(2);
const listed = commands.find((c) => c.name === name);
runCli(
  listed ? `threadbench ${listed.name}` : 'threadbench',
  async () => {
    if (name === '--version' || name === '-v') {
      process.stdout.write(`${ownManifest().version ?? 'unknown'}\n`);
      return exitCodes.ok;
    }
    if (name === undefined || name === '--help' || name === '-h') {
      // Bare `threadbench` is a question without a command: the help, on stderr, and exit 2.
      (name === undefined ? process.stderr : process.stdout).write(`${usage}\n`);
      return name === undefined ? exitCodes.badInput : exitCodes.ok;
    }
    if (!listed)
      throw new UsageError(`Expected a command, one of ${commands.map((c) => c.name).join(', ')}, got "${name}" (threadbench --help)`);
    const command = await listed.load();
    if (asksForHelp(rest)) {
      process.stdout.write(`${command.usage}\n`);
      return exitCodes.ok;
    }
    return command.run(rest);
  },
  // Exit once the command returns: a cell's pool or a killed child must not hold the process open.
  true,
);
