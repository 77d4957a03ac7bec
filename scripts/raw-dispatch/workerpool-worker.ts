// A no-op task for workerpool: its documented worker shape, a registered method.
import workerpool from 'workerpool';

workerpool.worker({ noop: (value: number) => value });
