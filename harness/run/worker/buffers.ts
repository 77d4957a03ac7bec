// Where the bytes are in a job or an output: the ArrayBuffers and views a hand-off moves or
// shares. Runs on both sides of the wire, so it imports nothing.

/** A property path from a value's root: `[]` for the root itself, `['data']`, `[2, 'bytes']`. */
export type SlotPath = readonly (string | number)[];

/** A buffer found in a value, and where. */
export interface BufferSlot {
  readonly path: SlotPath;
  readonly value: ArrayBuffer | ArrayBufferView;
}

/**
 * The ArrayBuffers and views in `value`: the value itself, or inside plain objects and arrays,
 * at any depth. Buffers inside a Map, a Set or a class instance are not looked for (they are
 * cloned as they always are), nor views on a SharedArrayBuffer (shared already).
 */
export function findBuffers(value: unknown, path: SlotPath = [], found: BufferSlot[] = []): BufferSlot[] {
  if (typeof value !== 'object' || value === null) return found;
  if (ArrayBuffer.isView(value)) {
    if (!(value.buffer instanceof SharedArrayBuffer)) found.push({ path, value });
  } else if (value instanceof ArrayBuffer) {
    found.push({ path, value });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) findBuffers(item, [...path, index], found);
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) findBuffers(item, [...path, key], found);
  }
  return found;
}

/** What a transfer hand-off puts in the transfer list: each ArrayBuffer behind `value`'s buffers, once. */
export function transferListOf(value: unknown): ArrayBuffer[] {
  const buffers = findBuffers(value).map(({ value: slot }) => (ArrayBuffer.isView(slot) ? (slot.buffer as ArrayBuffer) : slot));
  return [...new Set(buffers)];
}

/**
 * The first of `moved` still held here after its message was sent: a moved ArrayBuffer is
 * detached and reads 0 bytes (Node 20 has no `ArrayBuffer.prototype.detached`), one copied instead
 * keeps its length. Both sides of the transfer proof ask it.
 */
export function keptAfterMove(moved: readonly ArrayBuffer[] | undefined): ArrayBuffer | undefined {
  return moved?.find((buffer) => buffer.byteLength > 0);
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
