// Read a file and SHA-256 it: I/O plus CPU. The files are generated in the OS temp dir for the
// cell and removed after it. The threadpool form reads with fs.readFile and hashes with WebCrypto,
// both of which Node runs on the libuv threadpool, so the main thread only coordinates.
import { createHash, webcrypto } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pseudoRandomText } from '../harness/api/inputs.js';
import { defineScenario } from '../harness/api/scenario.js';

interface Fixture {
  readonly dir: string;
}

export default defineScenario({
  name: 'file-hash',
  description: 'read a generated file and SHA-256 it: I/O plus CPU, threadpool form fs.readFile + WebCrypto digest',
  // Native code reaches steady state at once; the short warm-up only settles allocations and pools.
  warmupMs: 150,
  // 4 KiB: a syscall and a hand-off per task; 4 MiB: milliseconds of reading and hashing dominate.
  params: { file_kib: [4, 4096] },
  setup: ({ file_kib }, { tmpDir, tasks }): Fixture => {
    const dir = join(tmpDir, 'file-hash');
    mkdirSync(dir, { recursive: true });
    for (let index = 0; index < tasks; index++) writeFileSync(join(dir, `${index}.txt`), pseudoRandomText(file_kib * 1024, index + 1));
    return { dir };
  },
  teardown: ({ dir }) => rmSync(dir, { recursive: true, force: true }),
  input: (_params, index, { dir }) => join(dir, `${index}.txt`),
  run: (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex'),
  runAsync: async (path: string) => Buffer.from(await webcrypto.subtle.digest('SHA-256', await readFile(path))).toString('hex'),
});
