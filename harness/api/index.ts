// The public API for scenario authors: `import { defineScenario } from 'threadbench'`.

export type { Handoff } from './handoff.js';
export { pseudoRandomBytes, pseudoRandomText } from './inputs.js';
export type { HandoffSupport, Params, ParamValue, Scenario, SetupContext } from './scenario.js';
export { defineScenario } from './scenario.js';
export type { Variant } from './variant.js';
