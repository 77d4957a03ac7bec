import { describe, expect, it } from 'vitest';
import { digestOutputs, EmptyOutputError, UncloneableOutputError } from './digest.js';

const digest = (value: unknown) => digestOutputs([value]);

/** Every kind of value structured clone carries, each with a twin that differs in one place. */
const typedArrays = [
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
].map((Kind): [string, () => unknown, () => unknown] => [Kind.name, () => Kind.from([1, 2, 3]), () => Kind.from([1, 2, 4])]);

const cases: [string, () => unknown, () => unknown][] = [
  ['a string', () => 'abc', () => 'abd'],
  ['a number', () => 1.5, () => 1.25],
  ['negative zero', () => -0, () => 0],
  ['a BigInt', () => 2n ** 70n, () => 2n ** 70n + 1n],
  ['a boolean', () => true, () => false],
  ...typedArrays,
  ['a BigInt64Array', () => BigInt64Array.from([1n, 2n]), () => BigInt64Array.from([1n, 3n])],
  ['a BigUint64Array', () => BigUint64Array.from([1n, 2n]), () => BigUint64Array.from([1n, 3n])],
  ['a Buffer', () => Buffer.from('bytes'), () => Buffer.from('bytez')],
  ['an ArrayBuffer', () => Uint8Array.from([1, 2, 3]).buffer, () => Uint8Array.from([1, 2, 9]).buffer],
  ['a SharedArrayBuffer', () => sharedBytes([1, 2]), () => sharedBytes([1, 3])],
  [
    'a DataView',
    () => new DataView(Uint8Array.from([1, 2, 3, 4]).buffer, 1, 2),
    () => new DataView(Uint8Array.from([1, 2, 9, 4]).buffer, 1, 2),
  ],
  ['a Map', () => new Map([['a', 1]]), () => new Map([['a', 2]])],
  ['a Map key', () => new Map([['a', 1]]), () => new Map([['b', 1]])],
  ['a Set', () => new Set([1, 2]), () => new Set([1, 3])],
  ['a Date', () => new Date(0), () => new Date(1)],
  ['a RegExp source', () => /ab+c/g, () => /ab+d/g],
  ['a RegExp flag', () => /ab+c/g, () => /ab+c/i],
  ['a boxed primitive', () => Object('text'), () => Object('texT')],
  ['a nested object', () => ({ a: { b: [1, { c: 'x' }] } }), () => ({ a: { b: [1, { c: 'y' }] } })],
  // biome-ignore lint/suspicious/noSparseArray: the hole is the case under test
  ['an array hole', () => [1, , 3], () => [1, undefined, 3]],
  ['an Error message', () => new Error('one'), () => new Error('two')],
  ['an Error kind', () => new RangeError('one'), () => new TypeError('one')],
  ['an Error cause', () => new Error('one', { cause: 1 }), () => new Error('one', { cause: 2 })],
  ['a nested ArrayBuffer', () => ({ digest: Uint8Array.from([7]).buffer }), () => ({ digest: Uint8Array.from([8]).buffer })],
  ['shared identity', () => sharedTwice(), () => [{ a: 1 }, { a: 1 }]],
];

function sharedBytes(values: number[]): SharedArrayBuffer {
  const shared = new SharedArrayBuffer(values.length);
  new Uint8Array(shared).set(values);
  return shared;
}

function sharedTwice(): unknown {
  const one = { a: 1 };
  return [one, one];
}

describe('digestOutputs', () => {
  it.each(cases)('changes when one value inside %s changes', (_name, make, changed) => {
    expect(digest(make())).toBe(digest(make()));
    expect(digest(changed())).not.toBe(digest(make()));
  });

  it.each(cases)('digests %s and its structured clone (what a worker sends back) alike', (_name, make) => {
    expect(digest(structuredClone(make()))).toBe(digest(make()));
  });

  it('digests what a clone drops as the clone does: prototypes, extra Error fields, custom Error names', () => {
    class Point {
      constructor(readonly x: number) {}
      get double(): number {
        return this.x * 2;
      }
    }
    class NotFound extends Error {
      override readonly name = 'NotFound';
      readonly code = 404;
    }
    for (const value of [new Point(3), new NotFound('gone'), { list: [new Point(1)] }]) {
      expect(digest(structuredClone(value))).toBe(digest(value));
    }
  });

  it('reads only the bytes a typed array views, not the rest of its buffer', () => {
    const whole = Uint8Array.from([9, 1, 2, 9]);
    expect(digest(whole.subarray(1, 3))).toBe(digest(Uint8Array.from([1, 2])));
  });

  it('tells apart outputs that differ, in order, or in type', () => {
    const base = digestOutputs(['a', 'b']);
    expect(digestOutputs(['a', 'c'])).not.toBe(base);
    expect(digestOutputs(['b', 'a'])).not.toBe(base);
    expect(digestOutputs(['a'])).not.toBe(base);
    expect(digestOutputs([1])).not.toBe(digestOutputs(['1']));
    expect(digest(new Uint8Array([1]))).not.toBe(digest(new Int8Array([1])));
    expect(digest(Uint8Array.from([1]).buffer)).not.toBe(digest(Uint8Array.from([1])));
    expect(digest({ a: 1 })).not.toBe(digest(new Map([['a', 1]])));
  });

  it('refuses a kernel that returns nothing, since nothing cannot be checked', () => {
    expect(() => digestOutputs(['a', undefined])).toThrow(EmptyOutputError);
  });

  it('refuses what structured clone cannot carry, naming where it is', () => {
    expect(() => digest({ run: () => 1 })).toThrow(UncloneableOutputError);
    expect(() => digest({ run: () => 1 })).toThrow(/task 0's output\.run contains a function/);
  });

  it('refuses a Promise, the mark of a kernel written async, saying where the async form goes', () => {
    expect(() => digest(Promise.resolve(1))).toThrow(/task 0's output is a Promise: run must return its result synchronously/);
    expect(() => digest({ cache: new WeakMap() })).toThrow(UncloneableOutputError);
  });

  it('digests a cycle, as structured clone carries one', () => {
    const loop: { self?: unknown; n: number } = { n: 1 };
    loop.self = loop;
    expect(digest(structuredClone(loop))).toBe(digest(loop));
  });
});
