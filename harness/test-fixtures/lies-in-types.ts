// A fake scenario whose workers return a wrong value inside a type JSON cannot see into (an
// ArrayBuffer, a Map, a Set, a DataView, an Error): the digest must still call those cells `mismatch`.
import { isMainThread } from 'node:worker_threads';
import { defineScenario } from '../scenario.js';

type Kind = 'arraybuffer' | 'map' | 'set' | 'dataview' | 'error';

function build(kind: Kind, n: number): unknown {
  switch (kind) {
    case 'arraybuffer':
      return Uint8Array.from([n, n + 1]).buffer;
    case 'map':
      return new Map([['n', n]]);
    case 'set':
      return new Set([n]);
    case 'dataview':
      return new DataView(Uint8Array.from([n]).buffer);
    case 'error':
      return new RangeError(`n = ${n}`);
  }
}

export default defineScenario({
  name: 'lies-in-types',
  description: 'test fixture: off the main thread the kernel returns a wrong value inside a structured type',
  params: { kind: ['arraybuffer', 'map', 'set', 'dataview', 'error'] },
  input: ({ kind }, index) => ({ kind: kind as Kind, index }),
  run: ({ kind, index }: { kind: Kind; index: number }) => build(kind, isMainThread ? index : index + 1),
  runAsync: async ({ kind, index }: { kind: Kind; index: number }) => build(kind, index),
});
