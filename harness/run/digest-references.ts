// The digest every variant of a group must reproduce: the sync cell's, or, where sync did not run
// (filtered out, or failed), a reference process that runs the kernel on a main thread once. A
// batch's digest covers its tasks, so cells of one group with different batch sizes need one each.
import type { CellOutcome, Measurement } from '../measure/measurement.js';
import type { Cell } from '../plan/cell.js';
import type { CellProcessReport } from './run-cell.js';

type Reference = { readonly digest: string } | { readonly error: string };

export class DigestReferences {
  readonly #known = new Map<string, Reference>();

  /**
   * @param keyOf the group and batch size a reference stands for
   * @param runReference a reference process for the cell's group and batch size
   */
  constructor(
    private readonly keyOf: (cell: Cell) => string,
    private readonly runReference: (cell: Cell) => Promise<CellProcessReport>,
  ) {}

  /** Whether the cell's group and batch size has a reference yet (sync's, or one computed). */
  knows(cell: Cell): boolean {
    return this.#known.has(this.keyOf(cell));
  }

  /** A reference a cell process computed on its main thread beside its measurement (cell-spec.ts `alsoReference`). */
  learn(cell: Cell, digest: string): void {
    if (!this.knows(cell)) this.#known.set(this.keyOf(cell), { digest });
  }

  /** A measured cell's outcome once its digest is checked: sync's is the reference the others must reproduce. */
  async check(cell: Cell, measurement: Measurement): Promise<CellOutcome | 'canceled'> {
    if (cell.variant === 'sync') {
      this.#known.set(this.keyOf(cell), { digest: measurement.digest });
      return { status: 'ok', measurement };
    }
    const reference = await this.#referenceFor(cell);
    if (reference === 'canceled') return 'canceled';
    if ('error' in reference) {
      return { status: 'failed', error: `results cannot be checked: the reference run failed (${reference.error})` };
    }
    if (reference.digest !== measurement.digest) {
      return {
        status: 'mismatch',
        error: `results digest ${measurement.digest.slice(0, 12)} differs from the kernel on the main thread (${reference.digest.slice(0, 12)})`,
      };
    }
    return { status: 'ok', measurement };
  }

  async #referenceFor(cell: Cell): Promise<Reference | 'canceled'> {
    const known = this.#known.get(this.keyOf(cell));
    if (known) return known;
    const report = await this.runReference(cell);
    if (report.kind === 'canceled') return 'canceled';
    const reference: Reference =
      report.kind === 'reference' ? { digest: report.digest } : { error: report.kind === 'failed' ? report.error : 'no digest' };
    this.#known.set(this.keyOf(cell), reference);
    return reference;
  }
}
