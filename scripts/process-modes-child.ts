// One fresh process of `npm run bench:process-modes`: the prime-sieve kernel warmed up, then timed
// call by call, with the process's CPU time split into user and system. Prints one JSON line.
import { performance } from 'node:perf_hooks';
import { probeHostSpeed } from '../harness/measure/host-probe.js';
import { median } from '../harness/measure/median.js';
import primeSieve from '../scenarios/prime-sieve.js';

const limit = Number(process.argv[2]);
const calls = 15;
// Any limit, as `--param` would give one: the scenario's type lists its declared values only.
const params = { limit } as Parameters<typeof primeSieve.input>[0];
const warmupEnds = performance.now() + 500;
for (let index = 0; performance.now() < warmupEnds; index++) primeSieve.run(primeSieve.input(params, index, undefined));

const cpuBefore = process.cpuUsage();
const callMs: number[] = [];
for (let index = 0; index < calls; index++) {
  const started = performance.now();
  primeSieve.run(primeSieve.input(params, index, undefined));
  callMs.push(performance.now() - started);
}
const cpu = process.cpuUsage(cpuBefore);
console.log(
  JSON.stringify({
    ms: median(callMs),
    userMs: cpu.user / 1000 / calls,
    systemMs: cpu.system / 1000 / calls,
    hostMbps: probeHostSpeed(),
  }),
);
