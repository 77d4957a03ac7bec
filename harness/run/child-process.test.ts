import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runChild } from './child-process.js';

const dir = mkdtempSync(join(tmpdir(), 'threadbench-child-'));
const reportSchema = z.object({ kind: z.literal('answer'), value: z.number() });

/** A child script: its body runs with `request`, the JSON it was handed. */
function script(name: string, body: string): string {
  const path = join(dir, `${name}.mjs`);
  writeFileSync(path, `const request = JSON.parse(process.argv[2]);\n${body}\n`);
  return path;
}

const run = (path: string, extra: { timeoutMs?: number; signal?: AbortSignal } = {}) =>
  runChild({
    script: path,
    request: { value: 41 },
    report: reportSchema,
    subject: 'test child',
    owes: 'an answer',
    timeoutMs: 20_000,
    ...extra,
  });

describe('runChild', () => {
  it('hands the request over as JSON and takes back the report that fits the schema', async () => {
    const child = script('answers', "process.send({ kind: 'answer', value: request.value + 1 }, () => process.exit(0));");
    expect(await run(child)).toEqual({ kind: 'reported', report: { kind: 'answer', value: 42 } });
  });

  it('calls a report that does not fit the schema a crash, saying what is wrong with it', async () => {
    const child = script('mumbles', "process.send({ kind: 'answer', value: 'forty-two' }, () => process.exit(0));");
    const ended = await run(child);
    expect(ended).toMatchObject({ kind: 'crashed' });
    expect(ended.kind === 'crashed' && ended.error).toMatch(/^test child sent an answer that is not one: value: .*number/);
  });

  it('describes a child that exits without a report by its exit code and the tail of its stderr', async () => {
    const child = script('dies', "process.stderr.write('out of luck\\n'); process.exit(7);");
    expect(await run(child)).toEqual({ kind: 'crashed', error: 'test child exited with code 7 without an answer: out of luck' });
  });

  it('kills a child that outlives its time, and one whose run is canceled', async () => {
    const hangs = script('hangs', 'setInterval(() => {}, 1000);');
    expect(await run(hangs, { timeoutMs: 300 })).toEqual({ kind: 'timeout' });
    const controller = new AbortController();
    const canceled = run(hangs, { signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    expect(await canceled).toEqual({ kind: 'canceled' });
  });
});
