// A fake scenario whose outputs cost nothing to make and much to digest (a 32 MiB buffer made once
// per thread), behind a threadpool form that leaves the main thread idle: whatever main-thread time
// its libuv-async cell shows is the harness's own, which the measured window must leave out.
import { setTimeout as sleep } from 'node:timers/promises';
import { defineScenario } from '../scenario.js';

export const outputBytes = 32 * 1024 * 1024;
let output: Uint8Array | undefined;

function theOutput(): Uint8Array {
  output ??= new Uint8Array(outputBytes).map((_, index) => index % 251);
  return output;
}

export default defineScenario({
  name: 'costly-digest',
  description: 'test fixture: a 32 MiB output made once, returned by every task',
  params: { size: [1] },
  input: (_params, index) => index,
  run: () => theOutput(),
  runAsync: async () => {
    await sleep(2);
    return theOutput();
  },
});
