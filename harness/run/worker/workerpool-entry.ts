// The worker of workerpool: registers the one method the pool calls.
import workerpool from 'workerpool';
import { runWorkerTask } from './run-task.js';

workerpool.worker({ run: runWorkerTask });
