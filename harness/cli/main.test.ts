import { describe, expect, it } from 'vitest';
import { runThreadbench } from '../../test/helpers.js';
import { ownManifest } from '../plan/manifest.js';

const commands = ['bench', 'compare', 'report', 'doctor', 'merge', 'list'] as const;

describe('the threadbench binary', () => {
  it.each(commands)('answers `%s --help` with that command’s usage, exit 0', async (command) => {
    const help = await runThreadbench(command, ['--help']);
    expect(help.exitCode, help.all).toBe(0);
    expect(help.stdout).toMatch(new RegExp(`^Usage: threadbench ${command}\\b`));
    expect(help.stdout).toMatch(/Exit codes/);
  });

  it('lists every command in its own help', async () => {
    const help = await runThreadbench(['--help']);
    expect(help.exitCode).toBe(0);
    for (const command of commands) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  });

  it('answers no command with its help on stderr and exit 2, and an unknown one with one line naming the valid ones', async () => {
    const bare = await runThreadbench([]);
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toMatch(/^Usage: threadbench <command>/);
    const unknown = await runThreadbench(['benhc']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim()).toBe(
      'threadbench: Expected a command, one of bench, compare, report, doctor, merge, list, init, got "benhc" (threadbench --help)',
    );
  });

  it('prints the version of the package it was built from', async () => {
    const version = await runThreadbench(['--version']);
    expect(version.stdout.trim()).toBe(ownManifest().version);
  });

  it('names the command in a bad-input line, exit 2', async () => {
    const merge = await runThreadbench('merge', ['a.csv']);
    expect(merge.exitCode).toBe(2);
    expect(merge.stderr.trim()).toBe('threadbench merge: Expected --out FILE for the merged CSV, got none');
  });
});
