// A fake scenario that measures fine in the bench and fails under Clinic Doctor: its kernel
// throws where Doctor's environment is set, to pin down what a cell Doctor cannot diagnose gives.
import { defineScenario } from '../scenario.js';

export default defineScenario({
  name: 'fails-under-doctor',
  description: 'test fixture: the kernel throws under Clinic Doctor only',
  params: { size: [1] },
  input: (_params, index) => index,
  run: (job: number): string => {
    if (process.env['NODE_CLINIC_DOCTOR_DATA_PATH'] !== undefined) throw new Error('this kernel refuses to run under Doctor');
    return `job ${job}`;
  },
  noThreadpoolForm: 'a test fixture',
});
