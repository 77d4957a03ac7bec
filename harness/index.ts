// The public API for scenario authors: `import { defineScenario } from 'threadbench'`.
export { defineScenario } from './scenario.js';
export type { ParamValue, Params, Scenario, SetupContext } from './scenario.js';
export { pseudoRandomText } from './inputs.js';
export type { Variant } from './cell.js';
