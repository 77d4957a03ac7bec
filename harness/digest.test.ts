import { describe, expect, it } from 'vitest';
import { digestOutputs, EmptyOutputError } from './digest.js';

describe('digestOutputs', () => {
  it('digests a Buffer and the Uint8Array a worker sends back for it alike', () => {
    const buffer = Buffer.from('compressed bytes');
    expect(digestOutputs([new Uint8Array(buffer)])).toBe(digestOutputs([buffer]));
  });

  it('tells apart outputs that differ, in order, or in type', () => {
    const base = digestOutputs(['a', 'b']);
    expect(digestOutputs(['a', 'c'])).not.toBe(base);
    expect(digestOutputs(['b', 'a'])).not.toBe(base);
    expect(digestOutputs(['a'])).not.toBe(base);
    expect(digestOutputs([1])).not.toBe(digestOutputs(['1']));
  });

  it('refuses a kernel that returns nothing, since nothing cannot be checked', () => {
    expect(() => digestOutputs(['a', undefined])).toThrow(EmptyOutputError);
  });
});
