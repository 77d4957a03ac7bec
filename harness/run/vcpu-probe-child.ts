// One vCPU's probe, pinned to it by `taskset` (vcpu-probes.ts): answers each message from the
// parent with the host probe's reading on that vCPU, and exits with the parent.
import { probeHostSpeed } from '../measure/host-probe.js';

process.on('message', () => process.send?.(probeHostSpeed()));
process.on('disconnect', () => process.exit(0));
