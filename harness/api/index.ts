// The public API for scenario authors: `import { defineScenario } from 'threadbench'`.

export { pseudoRandomText } from './inputs.js';
export type { Params, ParamValue, Scenario, SetupContext } from './scenario.js';
export { defineScenario } from './scenario.js';
export type { Variant } from './variant.js';
