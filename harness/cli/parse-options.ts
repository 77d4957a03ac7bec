// node:util parseArgs with its errors turned into the CLIs' one-line usage errors (exit 2).
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { UsageError } from '../plan/errors.js';

type Options = NonNullable<ParseArgsConfig['options']>;
/** What parseArgs returns for these options, named so that declarations can be emitted. */
export type ParsedOptions<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>;

/**
 * `takesFlags` names options whose value is itself a list of flags (`--bench "--quick --shard 1/2"`):
 * parseArgs calls a value that starts with a dash ambiguous, so `--name value` is read as
 * `--name=value` for those options only; for any other, a missing value still fails loudly.
 */
export function parseOptions<const T extends Options>(
  args: readonly string[],
  options: T,
  allowPositionals = false,
  takesFlags: readonly (keyof T & string)[] = [],
): ParsedOptions<T> {
  const joined: string[] = [];
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] ?? '';
    const value = args[index + 1];
    if (takesFlags.some((name) => arg === `--${name}`) && value !== undefined) {
      joined.push(`${arg}=${value}`);
      index++;
    } else {
      joined.push(arg);
    }
  }
  try {
    return parseArgs({ args: joined, options, allowPositionals, strict: true }) as ParsedOptions<T>;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(
      `${reason} Valid options: ${Object.keys(options)
        .map((name) => `--${name}`)
        .join(', ')}`,
    );
  }
}
