// What a static-file server without a cache does per request: read the file, gzip it. The
// threadpool form is Node's own (fs.readFile, then zlib.gzip, each a libuv threadpool job), the
// workload nodejs/performance#193 and nodejs/node#61533 discuss for the UV_THREADPOOL_SIZE
// default: the libuv-async cells sweep that size. The files are generated in the cell's temp dir.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { pseudoRandomText } from '../harness/api/inputs.js';
import { defineScenario } from '../harness/api/scenario.js';

const gzipAsync = promisify(gzip);
const level = 6;

interface Site {
  readonly dir: string;
}

export default defineScenario({
  name: 'static-file',
  description:
    'read a generated file and gzip it (level 6), as an uncached static-file server does: threadpool form fs.readFile + zlib.gzip',
  // Native code reaches steady state at once; the short warm-up only settles allocations and pools.
  warmupMs: 150,
  // 64 KiB: a typical script or page, where the two threadpool hops and the hand-off weigh about as
  // much as the compression. One size keeps the default run's budget for the other scenarios; --param adds more.
  params: { file_kib: [64] },
  setup: ({ file_kib }, { tmpDir, tasks }): Site => {
    const dir = join(tmpDir, 'static-file');
    mkdirSync(dir, { recursive: true });
    for (let index = 0; index < tasks; index++) writeFileSync(join(dir, `${index}.html`), pseudoRandomText(file_kib * 1024, index + 1));
    return { dir };
  },
  teardown: ({ dir }) => rmSync(dir, { recursive: true, force: true }),
  input: (_params, index, { dir }) => join(dir, `${index}.html`),
  run: (path: string) => gzipSync(readFileSync(path), { level }),
  runAsync: async (path: string) => gzipAsync(await readFile(path), { level }),
});
