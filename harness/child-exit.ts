// How a child process that died without its report is described in a row's error: parent side,
// shared by the cell process and Doctor's process.

const stderrTailChars = 400;

/** A child that ended without its report: how it ended, and the tail of what it wrote to stderr. */
export function describeSilentExit(
  ended: { readonly signal?: string | undefined; readonly exitCode?: number | undefined; readonly stderr: string },
  subject: string,
  missing: string,
): string {
  const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.exitCode}`;
  const stderr = ended.stderr.replace(/\s+/g, ' ').trim().slice(-stderrTailChars);
  return `${subject} ${how} without ${missing}${stderr ? `: ${stderr}` : ''}`;
}
