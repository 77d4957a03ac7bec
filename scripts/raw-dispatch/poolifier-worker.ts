// A no-op task for poolifier: its documented worker shape, a ThreadWorker around a function.
import { ThreadWorker } from 'poolifier';

export default new ThreadWorker<number, number>((value) => value ?? 0);
