// The `shared` hand-off's memory: every job's bytes laid out once in a SharedArrayBuffer, so a
// task carries only where they lie, and a region per job where the worker writes its output's
// bytes. Runs on both sides of the wire, so it imports nothing from the main side.
import { type BufferSlot, findBuffers, type SlotPath } from './buffers.js';

/** A view's kind, as its constructor is named in the global scope: `Uint8Array`, `DataView` … */
type ViewKind = string;

/** Where one of a value's buffers lies in shared memory, and as what kind of view it is rebuilt. */
interface SlotPlace {
  readonly path: SlotPath;
  readonly kind: ViewKind;
  readonly byteOffset: number;
  readonly byteLength: number;
}

/** A job as a `shared` task carries it: the job without its bytes, and where they lie. */
export interface SharedJob {
  readonly memory: SharedArrayBuffer;
  readonly skeleton: unknown;
  readonly slots: readonly SlotPlace[];
  /** Where the worker writes this job's output bytes. */
  readonly out: { readonly memory: SharedArrayBuffer; readonly byteOffset: number; readonly byteLength: number };
}

/** An output as a `shared` task answers it: the output without its bytes, and where in the job's region they lie. */
export interface SharedOutput {
  readonly skeleton: unknown;
  readonly slots: readonly SlotPlace[];
}

/** Main side, untimed, once per cell: the jobs' bytes copied into shared memory, each job's region for its output beside. */
export function layOutShared(jobs: readonly unknown[], outputBytes: number): SharedJob[] {
  const found = jobs.map((job, index) => {
    const slots = findBuffers(job);
    if (slots.length === 0) throw new Error(`shared: job ${index} holds no ArrayBuffer view to share`);
    return slots;
  });
  const memory = new SharedArrayBuffer(
    Math.max(
      1,
      found.flat().reduce((end, slot) => aligned(end) + slot.value.byteLength, 0),
    ),
  );
  const outStride = aligned(outputBytes);
  const outMemory = new SharedArrayBuffer(Math.max(1, outStride * jobs.length));
  let end = 0;
  return jobs.map((job, index) => {
    const slots = (found[index] ?? []).map((slot) => {
      const place = placeOf(slot, aligned(end), `job ${index}`);
      new Uint8Array(memory, place.byteOffset, place.byteLength).set(bytesOf(slot.value));
      end = place.byteOffset + place.byteLength;
      return place;
    });
    return {
      memory,
      skeleton: withoutBuffers(job, slots),
      slots,
      out: { memory: outMemory, byteOffset: index * outStride, byteLength: outputBytes },
    };
  });
}

/** Worker side: the job as the kernel expects it, its views reading the shared bytes in place. */
export function jobOf(shared: SharedJob): unknown {
  return withViews(shared.skeleton, shared.slots, shared.memory);
}

/** Worker side: the output's bytes written into the job's region, the answer saying where. */
export function placeOutput(output: unknown, out: SharedJob['out']): SharedOutput {
  const found = findBuffers(output);
  if (found.length === 0) return { skeleton: output, slots: [] };
  const region = new Uint8Array(out.memory, out.byteOffset, out.byteLength);
  let end = 0;
  const slots = found.map((slot) => {
    const place = placeOf(slot, aligned(end), 'the output');
    end = place.byteOffset + place.byteLength;
    if (end > out.byteLength) {
      throw new RangeError(
        `shared: the output's buffers need ${end} bytes, more than the ${out.byteLength} the scenario's handoff.shared.outputBytes gives a task`,
      );
    }
    region.set(bytesOf(slot.value), place.byteOffset);
    return place;
  });
  return { skeleton: withoutBuffers(output, slots), slots: slots.map((p) => ({ ...p, byteOffset: out.byteOffset + p.byteOffset })) };
}

/** Main side: the output as the kernel returned it, its views reading the job's region in place. */
export function outputOf(answer: SharedOutput, job: SharedJob): unknown {
  return answer.slots.length === 0 ? answer.skeleton : withViews(answer.skeleton, answer.slots, job.out.memory);
}

function placeOf({ path, value }: BufferSlot, byteOffset: number, owner: string): SlotPlace {
  if (!ArrayBuffer.isView(value)) {
    // A SharedArrayBuffer cannot stand in for a range of one: the kernel would get another type.
    throw new TypeError(
      `shared: ${owner} holds a bare ArrayBuffer at ${pathText(path)}; only views (Uint8Array, DataView …) can be read in place`,
    );
  }
  const kind = value instanceof DataView ? 'DataView' : Object.prototype.toString.call(value).slice(8, -1);
  return { path, kind, byteOffset, byteLength: value.byteLength };
}

function bytesOf(view: ArrayBuffer | ArrayBufferView): Uint8Array {
  return ArrayBuffer.isView(view) ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array(view);
}

/** A copy of the plain objects and arrays on the slots' paths, the slots emptied; everything else kept as it is. */
function withoutBuffers(value: unknown, slots: readonly SlotPlace[]): unknown {
  if (slots.some((slot) => slot.path.length === 0)) return null;
  const copy = (node: unknown, depth: number, onPath: readonly SlotPlace[]): unknown => {
    if (onPath.length === 0 || typeof node !== 'object' || node === null) return node;
    const entries = Object.entries(node).map(([key, child]) => {
      const below = onPath.filter((slot) => String(slot.path[depth]) === key);
      return [key, below.some((slot) => slot.path.length === depth + 1) ? null : copy(child, depth + 1, below)] as const;
    });
    return Array.isArray(node) ? entries.map(([, child]) => child) : Object.fromEntries(entries);
  };
  return copy(value, 0, slots);
}

function withViews(skeleton: unknown, slots: readonly SlotPlace[], memory: SharedArrayBuffer): unknown {
  let root = skeleton;
  for (const { path, kind, byteOffset, byteLength } of slots) {
    const view = viewOf(kind, memory, byteOffset, byteLength);
    if (path.length === 0) {
      root = view;
      continue;
    }
    let parent = root as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    parent[path[path.length - 1] as string | number] = view;
  }
  return root;
}

function viewOf(kind: ViewKind, memory: SharedArrayBuffer, byteOffset: number, byteLength: number): ArrayBufferView {
  if (kind === 'DataView') return new DataView(memory, byteOffset, byteLength);
  const View = (
    globalThis as unknown as Record<
      string,
      { new (b: SharedArrayBuffer, o: number, l: number): ArrayBufferView; BYTES_PER_ELEMENT: number }
    >
  )[kind];
  if (View === undefined) throw new TypeError(`shared: no view type ${kind} in this thread`);
  return new View(memory, byteOffset, byteLength / View.BYTES_PER_ELEMENT);
}

/** Eight-byte alignment: a Float64Array or BigInt64Array must start on a multiple of its element size. */
function aligned(offset: number): number {
  return Math.ceil(offset / 8) * 8;
}

function pathText(path: SlotPath): string {
  return path.length === 0 ? 'its root' : path.join('.');
}
