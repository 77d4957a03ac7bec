// The worker of piscina: a default-exported task function, as piscina documents.
import { movingTask } from './moving-entry.js';

export default movingTask(async () => (await import('piscina')).Piscina);
