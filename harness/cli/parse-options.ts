// node:util parseArgs with its errors turned into the CLIs' one-line usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../usage-error.js';

type Options = NonNullable<ParseArgsConfig['options']>;
/** What parseArgs returns for these options, named so that declarations can be emitted. */
export type ParsedOptions<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;

export function parseOptions<const T extends Options>(args: readonly string[], options: T, allowPositionals = false): ParsedOptions<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true }) as ParsedOptions<T>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`${reason} Valid options: ${Object.keys(options).map((name) => `--${name}`).join(', ')}`);
  }
}
