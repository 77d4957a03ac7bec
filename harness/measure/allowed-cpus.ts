// The vCPUs this process may run on, as Linux's scheduler allows them (taskset, a cgroup's cpuset).
import { readFileSync } from 'node:fs';

/** The vCPUs this process may run on: `Cpus_allowed_list` of /proc/self/status ("0-1,4"), or none off Linux. */
export function allowedCpus(): number[] {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return [];
  }
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1] ?? '';
  return list.split(',').flatMap((range) => {
    const [first, last = first] = range.split('-').map(Number);
    if (first === undefined || last === undefined || !Number.isInteger(first) || !Number.isInteger(last)) return [];
    return Array.from({ length: last - first + 1 }, (_, index) => first + index);
  });
}
