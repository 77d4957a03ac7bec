// The host's capacity on every core at one moment: the cell's own probe's fixed native work
// (measure/host-probe.ts) on one worker thread per available core at once, run by the parent just
// before each cell process starts. The cell's probe sees only the core its main thread ran on; a
// core the host takes away for a whole run shows here, as the slowest worker.
import { Worker } from 'node:worker_threads';

/** SHA-256 passes over 1 MiB per worker and probe: about 2 ms of each core. */
const passes = 3;

// Plain JavaScript evaluated in each worker: no harness module, so nothing of the main side loads there.
const probeSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const data = Buffer.alloc(1 << 20, 0x5a);
createHash('sha256').update(data).digest();
parentPort.on('message', (passes) => {
  const started = performance.now();
  for (let pass = 0; pass < passes; pass++) createHash('sha256').update(data).digest();
  parentPort.postMessage((passes * data.length) / 1e6 / ((performance.now() - started) / 1000));
});
`;

export class HostCapacityProbe {
  readonly #workers: Worker[];

  constructor(cores: number) {
    this.#workers = Array.from({ length: cores }, () => {
      const worker = new Worker(probeSource, { eval: true });
      // Idle between probes: they must not keep the process alive.
      worker.unref();
      return worker;
    });
  }

  /** MB/s of the slowest core while every core hashes at once. */
  async probe(): Promise<number> {
    const rates = await Promise.all(
      this.#workers.map(
        (worker) =>
          new Promise<number>((resolve, reject) => {
            worker.once('message', resolve);
            worker.once('error', reject);
            worker.postMessage(passes);
          }),
      ),
    );
    return Math.min(...rates);
  }

  async close(): Promise<void> {
    await Promise.all(this.#workers.map((worker) => worker.terminate()));
  }
}
