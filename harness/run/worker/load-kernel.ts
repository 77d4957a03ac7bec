// Imports a scenario module inside a worker, once per worker and file. Runs in workers only:
// it imports nothing from the main side, so a worker's start-up is Node's plus the scenario's.
import { pathToFileURL } from 'node:url';

/** The one part of a scenario a worker needs. */
export interface Kernel {
  run(job: unknown): unknown;
}

const kernels = new Map<string, Promise<Kernel>>();
/** The kernels whose import has finished: what a task can run without waiting. */
const loaded = new Map<string, Kernel>();

/** The scenario's kernel if this worker has imported it already, else undefined. */
export function loadedKernel(scenarioFile: string): Kernel | undefined {
  return loaded.get(scenarioFile);
}

export function loadKernel(scenarioFile: string): Promise<Kernel> {
  let kernel = kernels.get(scenarioFile);
  if (!kernel) {
    kernel = import(pathToFileURL(scenarioFile).href).then((module: { default?: Partial<Kernel> }) => {
      const scenario = module.default;
      if (typeof scenario?.run !== 'function') {
        throw new TypeError(`Expected ${scenarioFile} to default-export a scenario with a run function`);
      }
      loaded.set(scenarioFile, scenario as Kernel);
      return scenario as Kernel;
    });
    kernels.set(scenarioFile, kernel);
  }
  return kernel;
}
