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

/**
 * Incompressible bytes of the given length, four at a time: fast enough to fill a 64 MiB payload
 * per job, where pseudoRandomText's per-character work would take several times as long.
 */
export function pseudoRandomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  const words = new Uint32Array(bytes.buffer, 0, length >>> 2);
  let state = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < words.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state;
  }
  for (let i = words.length * 4; i < length; i++) bytes[i] = (seed + i) & 0xff;
  return bytes;
}
