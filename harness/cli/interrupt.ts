// Ctrl-C for the CLIs that run cells: the first press aborts the run, which stops after writing
// what it has; a second press exits at once with 130.

export function abortOnCtrlC(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return controller.signal;
}
