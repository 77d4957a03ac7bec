// One digest per batch over every task's output, in task order: variants that compute the same
// results agree, and a variant that skips or changes work cannot.
//
// Outputs reach the main thread by structured clone from workers and as they are from `sync`, so
// the digest reads a value the way structured clone copies it: every type it carries contributes
// its contents (JSON.stringify would reduce an ArrayBuffer, a Map or a Set to `{}`), and whatever a
// clone drops (prototypes, non-enumerable keys, an Error's stack) contributes nothing.
import { createHash, type Hash } from 'node:crypto';
import { types } from 'node:util';

/** A batch's outputs that cannot be digested (a kernel returned nothing). */
export class EmptyOutputError extends Error {
  override readonly name = 'EmptyOutputError';
}

/** An output structured clone cannot carry (a function, a symbol): workers could not return it either. */
export class UncloneableOutputError extends Error {
  override readonly name = 'UncloneableOutputError';
}

export function digestOutputs(outputs: readonly unknown[]): string {
  const hash = createHash('sha256');
  outputs.forEach((output, index) => {
    if (output === undefined || output === null) {
      throw new EmptyOutputError(`task ${index} returned ${output}: a kernel must return its result so that variants can be checked`);
    }
    hash.update(`${index}:`);
    writeValue(hash, output, new Map(), `task ${index}'s output`);
  });
  return hash.digest('hex');
}

// The Error kinds structured clone keeps; any other name arrives as `Error`.
const errorNames = new Set(['Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError']);

/** Writes a tag and then the value's contents; objects seen before are written as back-references, as clones share them. */
function writeValue(hash: Hash, value: unknown, seen: Map<object, number>, path: string): void {
  switch (typeof value) {
    case 'undefined':
      hash.update('u;');
      return;
    case 'boolean':
      hash.update(value ? 't;' : 'f;');
      return;
    case 'number':
      writeNumber(hash, 'n', value);
      return;
    case 'bigint':
      writeText(hash, 'I', value.toString());
      return;
    case 'string':
      writeText(hash, 's', value);
      return;
    case 'symbol':
    case 'function':
      throw new UncloneableOutputError(`${path} contains a ${typeof value}, which structured clone cannot carry: return data`);
    default:
  }
  if (typeof value !== 'object' || value === null) {
    hash.update('z;');
    return;
  }
  const earlier = seen.get(value);
  if (earlier !== undefined) {
    hash.update(`@${earlier};`);
    return;
  }
  seen.set(value, seen.size);
  writeObject(hash, value, seen, path);
}

function writeObject(hash: Hash, value: object, seen: Map<object, number>, path: string): void {
  if (types.isPromise(value)) {
    throw new UncloneableOutputError(`${path} is a Promise: run must return its result synchronously (the async form is runAsync)`);
  }
  if (types.isWeakMap(value) || types.isWeakSet(value) || value instanceof WeakRef) {
    throw new UncloneableOutputError(`${path} contains a ${value.constructor.name}, which structured clone cannot carry: return data`);
  }
  if (types.isKeyObject(value) || types.isCryptoKey(value)) {
    throw new UncloneableOutputError(
      `${path} contains a ${value.constructor.name}, whose contents the digest cannot read: export it to bytes`,
    );
  }
  if (ArrayBuffer.isView(value)) {
    // A Buffer arrives from a worker as a plain Uint8Array: the kind of view, not its class, counts.
    const kind = types.isDataView(value) ? 'DataView' : Object.prototype.toString.call(value).slice(8, -1);
    writeBytes(hash, `v${kind}`, new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
  } else if (types.isArrayBuffer(value) || types.isSharedArrayBuffer(value)) {
    writeBytes(hash, types.isArrayBuffer(value) ? 'A' : 'S', new Uint8Array(value));
  } else if (types.isDate(value)) {
    writeNumber(hash, 'D', value.getTime());
  } else if (types.isRegExp(value)) {
    writeText(hash, 'R', `/${value.source}/${value.flags}`);
  } else if (types.isBoxedPrimitive(value)) {
    hash.update('B');
    writeValue(hash, value.valueOf(), new Map(), path);
  } else if (types.isMap(value)) {
    hash.update(`M${value.size}:`);
    for (const [key, entry] of value) {
      writeValue(hash, key, seen, `${path} (a Map key)`);
      writeValue(hash, entry, seen, `${path} (a Map value)`);
    }
  } else if (types.isSet(value)) {
    hash.update(`T${value.size}:`);
    for (const entry of value) writeValue(hash, entry, seen, `${path} (a Set entry)`);
  } else if (types.isNativeError(value) || value instanceof Error) {
    writeError(hash, value as Error, seen, path);
  } else if (Array.isArray(value)) {
    // Holes and extra keys survive a clone: every own enumerable key, not just the indexes.
    hash.update(`L${value.length}:`);
    writeProperties(hash, value, seen, path);
  } else {
    hash.update('O');
    writeProperties(hash, value, seen, path);
  }
}

function writeError(hash: Hash, error: Error, seen: Map<object, number>, path: string): void {
  const name = errorNames.has(error.name) ? error.name : 'Error';
  writeText(hash, 'E', name);
  writeText(hash, 'm', error.message);
  if (Object.hasOwn(error, 'cause')) {
    hash.update('c');
    writeValue(hash, error.cause, seen, `${path} (an Error's cause)`);
  }
  hash.update(';');
}

/** Own enumerable string keys in sorted order, as a clone copies them: an object's digest is its key → value set. */
function writeProperties(hash: Hash, value: object, seen: Map<object, number>, path: string): void {
  const keys = Object.keys(value).sort();
  hash.update(`${keys.length}{`);
  for (const key of keys) {
    writeText(hash, 'k', key);
    writeValue(hash, (value as Record<string, unknown>)[key], seen, `${path}.${key}`);
  }
  hash.update('}');
}

function writeNumber(hash: Hash, tag: string, value: number): void {
  const bytes = Buffer.alloc(8);
  // One NaN: structured clone does not promise to keep a NaN's payload bits.
  bytes.writeDoubleBE(Number.isNaN(value) ? Number.NaN : value);
  hash.update(tag);
  hash.update(bytes);
}

function writeText(hash: Hash, tag: string, text: string): void {
  // UTF-16 code units, as JavaScript holds them: UTF-8 would merge lone surrogates into U+FFFD.
  hash.update(`${tag}${text.length}:`);
  hash.update(text, 'utf16le');
}

function writeBytes(hash: Hash, tag: string, bytes: Uint8Array): void {
  hash.update(`${tag}${bytes.byteLength}:`);
  hash.update(bytes);
}
