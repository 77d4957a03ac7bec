// Ctrl-C, SIGTERM (CI cancelling a job, `timeout`, a container stopping) and SIGHUP (the terminal
// closing) stop a run alike: the first aborts it, and the command writes and folds what it has
// measured before it exits with the signal's code; a second signal of any of them exits at once.
import { type StopSignal, stopSignalExitCodes } from '../plan/errors.js';

const stopSignals = Object.keys(stopSignalExitCodes) as StopSignal[];

/** An AbortSignal aborted by the first stop signal, with that signal's name as its reason. */
export function abortOnStopSignals(): AbortSignal {
  const controller = new AbortController();
  const exitAtOnce = (name: StopSignal) => process.exit(stopSignalExitCodes[name]);
  const first = (name: StopSignal) => {
    for (const other of stopSignals) process.removeListener(other, first);
    controller.abort(name);
    for (const other of stopSignals) process.once(other, exitAtOnce);
  };
  for (const name of stopSignals) process.once(name, first);
  return controller.signal;
}

/** The exit code of a run that `signal` stopped: 130 (Ctrl-C), 143 (SIGTERM) or 129 (SIGHUP). */
export function interruptedExitCode(signal: AbortSignal): number {
  return isStopSignal(signal.reason) ? stopSignalExitCodes[signal.reason] : stopSignalExitCodes.SIGINT;
}

/** One line for the end of a stopped run: which signal stopped it. */
export function stoppedBy(signal: AbortSignal): string {
  const name = isStopSignal(signal.reason) ? signal.reason : 'SIGINT';
  return name === 'SIGINT' ? 'interrupted' : `stopped by ${name}`;
}

function isStopSignal(value: unknown): value is StopSignal {
  return typeof value === 'string' && value in stopSignalExitCodes;
}
