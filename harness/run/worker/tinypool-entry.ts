// The worker of tinypool: a default-exported task function, as tinypool documents.
import { movingTask } from './moving-entry.js';

export default movingTask(async () => (await import('tinypool')).Tinypool);
