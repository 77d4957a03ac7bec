// One side of the interleaved A/B: that checkout's own `bench --serve`, asked for one cell at a time.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { interruptionOf, UsageError } from '../plan/errors.js';
import { readManifest } from '../plan/manifest.js';
import { type ServeAnswer, serveAnswerSchema } from '../run/on-request.js';

export interface SideBench {
  /** The cell ids of this side's matrix, in its order. */
  readonly cells: readonly string[];
  /** Measures one cell as `round`; resolves with its status once its row is written. */
  run(round: number, cell: string): Promise<string>;
  /** Ends the server (its CSV is complete) and checks how it exited. */
  close(): Promise<void>;
  /** Passes a stop signal on: the server ends its cell, keeps its rows and exits with the signal's code. */
  stop(signalName: NodeJS.Signals): void;
  /** Stops it at once, on the way out of a failed A/B. */
  kill(): void;
}

const stderrTailLines = 5;

/** Starts `entry` (default: the checkout's own bench) serving in `tree`, its working directory. */
export async function startSideBench(
  tree: string,
  args: readonly string[],
  side: string,
  entry: readonly string[] = benchEntry(tree),
): Promise<SideBench> {
  // The Node running the A/B runs both sides: a comparison of code, not of two Nodes on PATH.
  const child = execa(process.execPath, [...entry, ...args, '--serve'], {
    cwd: tree,
    reject: false,
    stdin: 'pipe',
    stdout: 'pipe',
    stderr: 'pipe',
    // A group of its own: a terminal's Ctrl-C reaches the A/B alone, which passes it on once (ab-run.ts).
    detached: true,
  });
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderr.push(line);
    if (stderr.length > stderrTailLines) stderr.shift();
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  // Whatever ends the process first: an answer is awaited against its exit.
  const exited = child.then((result) => result);
  const fail = async (): Promise<never> => {
    const result = await exited;
    throw describeExit(result, stderr.join(' ').trim(), side, args);
  };
  const next = async (): Promise<ServeAnswer> => {
    for (;;) {
      const line = await Promise.race([answers.next(), exited.then(() => undefined)]);
      if (!line || line.done) return fail();
      // A scenario that prints when imported shares the server's stdout: only answers count.
      const answer = parseAnswer(line.value);
      if (answer) return answer;
    }
  };

  const ready = await next();
  if (ready.kind !== 'ready') throw new Error(`the ${side} bench server began with ${JSON.stringify(ready)} instead of its cells`);
  return {
    cells: ready.cells,
    async run(round, cell) {
      child.stdin.write(`${JSON.stringify({ round, cell })}\n`);
      const answer = await next();
      if (answer.kind !== 'done' || answer.cell !== cell || answer.round !== round) {
        throw new Error(`the ${side} bench server answered ${JSON.stringify(answer)} to round ${round} of ${cell}`);
      }
      return answer.status;
    },
    async close() {
      child.stdin.end();
      const result = await exited;
      // Exit 1: some cell did not measure; its rows say so and the comparison judges them.
      if (result.exitCode !== 0 && result.exitCode !== 1) throw describeExit(result, stderr.join(' ').trim(), side, args);
    },
    stop(signalName) {
      child.kill(signalName);
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}

/**
 * Why a side's bench ended: bad input stays bad input, a stop signal an interruption, anything else the
 * tool failing, since a side that stopped early would leave its cells silently absent.
 */
export function describeExit(
  ended: { readonly exitCode?: number | undefined; readonly signal?: string | undefined },
  stderr: string,
  side: string,
  args: readonly string[],
): Error {
  const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.exitCode}`;
  const interrupted = interruptionOf(ended, `the ${side} bench`);
  if (interrupted) return interrupted;
  if (ended.exitCode === 2) {
    const hint = /Unknown option '--serve'/.test(stderr) ? ' (that checkout predates bench --serve, which the A/B needs)' : '';
    return new UsageError(`Expected the ${side} checkout's bench to accept ${args.join(' ')} --serve, got: ${stderr}${hint}`);
  }
  return new Error(`the ${side} checkout's bench ${how}${stderr ? `: ${stderr}` : ''} (bench ${args.join(' ')} --serve)`);
}

/**
 * How a checkout runs its bench: its `threadbench` binary (package.json `bin`), or, in a checkout
 * from before there was one (a baseline measured then), its own dist/scripts/bench.js.
 */
export function benchEntry(tree: string): string[] {
  const manifestPath = join(tree, 'package.json');
  const bin = existsSync(manifestPath) ? readManifest(manifestPath).bin : undefined;
  const binary = typeof bin === 'object' ? bin.threadbench : undefined;
  return binary === undefined ? [join(tree, 'dist/scripts/bench.js')] : [join(tree, binary), 'bench'];
}

function parseAnswer(line: string): ServeAnswer | undefined {
  try {
    return serveAnswerSchema.safeParse(JSON.parse(line)).data;
  } catch {
    return undefined;
  }
}
