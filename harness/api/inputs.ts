// Deterministic generated inputs for scenarios: the same seed gives the same bytes in every
// process and worker, so the digests of all variants can agree.

/** Text-like bytes (letters, spaces, newlines) of the given length: compressible about 2:1 by gzip. */
export function pseudoRandomText(length: number, seed: number): Uint8Array {
  const alphabet = 'etaoin shrdlu cmfwyp vbgkqjxz ETAOIN\n';
  const bytes = new Uint8Array(length);
  // xorshift32: fast, seedable, and good enough to defeat trivial compression.
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[i] = alphabet.charCodeAt(state % alphabet.length);
  }
  return bytes;
}
