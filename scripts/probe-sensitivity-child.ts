// One vCPU's side of `npm run bench:probe-sensitivity`, pinned by `taskset`: every 300 ms for the
// given seconds, the rate of each shipped kernel that needs no files (a few ms each) and of each
// probe, one JSON line a moment on stdout.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { probeHostSpeed } from '../harness/measure/host-probe.js';
import { builtInScenarioDir, findScenarioFiles, loadScenarios } from '../harness/plan/scenario-loader.js';

/** The host probe before 2026-12-03: SHA-256 over 1 MiB, the median of three passes; on the SHA extensions. */
function probeSha256(): number {
  const data = Buffer.alloc(1 << 20, 0x5a);
  createHash('sha256').update(data).digest();
  const rates = [0, 1, 2].map(() => {
    const started = performance.now();
    createHash('sha256').update(data).digest();
    return data.length / 1e6 / ((performance.now() - started) / 1000);
  });
  return rates.sort((a, b) => a - b)[1] ?? Number.NaN;
}

/** Calls of `run` over the inputs a second, for at least `ms`. */
function rateOf(run: (input: unknown) => unknown, inputs: readonly unknown[], ms: number): number {
  const started = performance.now();
  let calls = 0;
  while (performance.now() - started < ms) run(inputs[calls++ % inputs.length]);
  return calls / ((performance.now() - started) / 1000);
}

const seconds = Number(process.argv[2]);
const kernels = (await loadScenarios(findScenarioFiles(builtInScenarioDir)))
  .filter(({ scenario }) => scenario.setup === undefined && scenario.name !== 'noop')
  .flatMap(({ scenario }) =>
    Object.entries(scenario.params).flatMap(([name, values]) =>
      values.map((value) => {
        const params = { [name]: value };
        const inputs = Array.from({ length: 8 }, (_, index) => scenario.input(params, index, { dir: '' }));
        return { name: `${scenario.name}/${name}=${value}`, run: (input: unknown) => scenario.run(input), inputs };
      }),
    ),
  );
// Warm: the JavaScript kernels tier up in the first few hundred milliseconds.
for (const kernel of kernels) rateOf(kernel.run, kernel.inputs, 300);
const until = Date.now() + seconds * 1000;
while (Date.now() < until) {
  const moment: Record<string, number> = { 'probe: pbkdf2-sha512': probeHostSpeed(), 'probe: sha256 (before)': probeSha256() };
  for (const kernel of kernels) moment[kernel.name] = rateOf(kernel.run, kernel.inputs, 6);
  process.stdout.write(`${JSON.stringify(moment)}\n`);
  await new Promise((resolve) => setTimeout(resolve, 300));
}
