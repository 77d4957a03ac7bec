// A command's flags, declared once: what node:util parseArgs needs to read them, and what the
// `--help` text and the generated CLI reference (docs/reference/cli.md) say about each. A flag the
// parser takes is documented by construction, and a documented flag is one the parser takes.

/** One flag of a command. */
export interface OptionDoc {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
  /** The value's placeholder (`a,b`, `MS`, `FILE`); none for a switch. */
  readonly value?: string;
  /** What the flag does, in a sentence or two. */
  readonly help: string;
  /** Its default, in words; none where leaving it out means "off" or "not given". */
  readonly defaultText?: string;
}

export type OptionTable = Readonly<Record<string, OptionDoc>>;

const helpWidth = 100;
const flagColumn = 24;

/** The `Options:` block of a command's `--help`: each flag, its value, what it does and its default, wrapped. */
export function formatOptions(table: OptionTable): string {
  const lines = Object.entries(table).flatMap(([name, option]) => {
    const flag = `  ${flagOf(name, option)}`;
    const text = `${option.help}${option.defaultText === undefined ? '' : ` (default: ${option.defaultText})`}`;
    const wrapped = wrap(text, helpWidth - flagColumn);
    const [first = '', ...rest] = wrapped;
    const head = flag.length < flagColumn ? `${flag.padEnd(flagColumn)}${first}` : `${flag}\n${' '.repeat(flagColumn)}${first}`;
    return [head, ...rest.map((line) => `${' '.repeat(flagColumn)}${line}`)];
  });
  return ['Options:', ...lines, `${'  -h, --help'.padEnd(flagColumn)}this text`].join('\n');
}

/** `--name VALUE` (or `-s, --name VALUE` with a short form). */
export function flagOf(name: string, option: OptionDoc): string {
  const long = `--${name}${option.value === undefined ? '' : ` ${option.value}`}`;
  return option.short === undefined ? long : `-${option.short}, ${long}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return line === '' ? lines : [...lines, line];
}
