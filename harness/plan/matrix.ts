// Expands scenarios × params × variants (× pools × hand-offs) × thread counts into the ordered list of cells.

import { defaultHandoff, type Handoff } from '../api/handoff.js';
import { defaultPool, type Pool, poolDefaultSize } from '../api/pool.js';
import type { HandoffSupport, Params, ParamValue, Scenario } from '../api/scenario.js';
import { type Variant, variants } from '../api/variant.js';
import type { Cell } from './cell.js';
import { UsageError } from './errors.js';
import type { NodeTarget } from './node-target.js';
import { isTypeScriptModule, type LoadedScenario } from './scenario-loader.js';

/** What the user picked; everything here was already checked for syntax by the CLI. */
export interface Selection {
  /** Scenario names to run; all when absent. */
  readonly scenarios?: readonly string[];
  /** Variants to run; all when absent. */
  readonly variants?: readonly Variant[];
  /** Thread counts for the parallel variants; `sync` always runs once, with 1. */
  readonly threads: readonly number[];
  /** `--param name=v1,v2`: replaces that parameter's list wherever a selected scenario has it. */
  readonly params?: Readonly<Record<string, readonly string[]>>;
  /** Take each (not overridden) parameter's smallest value only. */
  readonly quick?: boolean;
  /** The pools `pooled` runs on (default: piscina alone). */
  readonly pools?: readonly Pool[];
  /**
   * Where set, `pooled` also runs at each pool's own default size on a machine with this many
   * cores available: what a user who sets no size gets. The default sweep sets it.
   */
  readonly poolDefaultsFor?: number;
  /** How the worker variants move a task's data (default: clone alone). */
  readonly handoffs?: readonly Handoff[];
  /** The thread counts spawn-per-task runs at, of `threads` (default: all of them). */
  readonly spawnThreads?: readonly number[];
  /** `--node`: every cell under each of these Nodes, side by side; the harness's own Node alone when absent. */
  readonly nodes?: readonly NodeTarget[];
}

/**
 * Cells grouped by scenario and params, `sync` first in each group so that its digest and
 * throughput are known before the parallel variants need them.
 */
export function expandMatrix(loaded: readonly LoadedScenario[], selection: Selection): Cell[] {
  const chosen = chooseScenarios(loaded, selection.scenarios);
  checkParamNames(chosen, selection.params ?? {});
  const chosenVariants = variants.filter((v) => selection.variants?.includes(v) ?? true);
  const threadCounts = [...new Set(selection.threads)].sort((a, b) => a - b);
  const cells: Cell[] = [];
  for (const { file, scenario } of chosen) {
    const lists = Object.entries(scenario.params).map(([name, declared]): [string, readonly ParamValue[]] => {
      const override = selection.params?.[name];
      if (override) return [name, override.map((raw) => parseParam(scenario.name, name, raw, declared))];
      if (!selection.quick) return [name, declared];
      return [name, scenario.quick?.[name] ?? [smallest(declared)]];
    });
    for (const params of cartesian(lists)) {
      const batchTasks = batchTasksOf(scenario, params);
      for (const variant of chosenVariants) {
        const base = {
          scenario: scenario.name,
          scenarioFile: file,
          params,
          variant,
          ...(scenario.warmupMs !== undefined ? { warmupMs: scenario.warmupMs } : {}),
          ...(batchTasks !== undefined && variant !== 'spawn-per-task' ? { batchTasks } : {}),
        };
        if (variant === 'sync') {
          cells.push({ ...base, threads: 1 });
          continue;
        }
        if (variant === 'libuv-async') {
          const notApplicable = scenario.noThreadpoolForm;
          for (const threads of threadCounts) {
            cells.push(notApplicable === undefined ? { ...base, threads } : { ...base, threads, notApplicable });
          }
          continue;
        }
        const byHandoff = (cell: Cell): Cell[] =>
          (selection.handoffs ?? [defaultHandoff]).map((handoff) => {
            const notApplicable = handoffNotApplicable(scenario.name, scenario.handoff, handoff);
            return notApplicable === undefined ? { ...cell, handoff } : { ...cell, handoff, notApplicable };
          });
        const spawnCounts = threadCounts.filter((threads) => selection.spawnThreads?.includes(threads) ?? true);
        const workerCells =
          variant === 'pooled' ? pooledCells(base, threadCounts, selection) : spawnCounts.map((threads) => ({ ...base, threads }));
        cells.push(...workerCells.flatMap(byHandoff));
      }
    }
  }
  return selection.nodes === undefined ? cells : underEachNode(cells, chosen, selection.nodes);
}

/**
 * Every cell once per Node, the versions next to each other so that a round measures them moments
 * apart. A TypeScript scenario is `n/a` under a Node that cannot strip its types.
 */
function underEachNode(cells: readonly Cell[], chosen: readonly LoadedScenario[], nodes: readonly NodeTarget[]): Cell[] {
  const clash = chosen.find(({ scenario }) => 'node' in scenario.params);
  if (clash) {
    throw new UsageError(
      `Expected the scenarios of a --node run to have no parameter named node (it names the Node), got one in ${clash.scenario.name}`,
    );
  }
  return cells.flatMap((cell) =>
    nodes.map((node): Cell => {
      const cannotStrip =
        cell.notApplicable === undefined && isTypeScriptModule(cell.scenarioFile) && !node.stripsTypes
          ? {
              notApplicable: `Node ${node.version} does not strip TypeScript types (process.features.typescript): compile the scenario to .js to run it there`,
            }
          : {};
      return { ...cell, node, ...cannotStrip };
    }),
  );
}

/**
 * A group's `pooled` cells: every pool at every thread count, plus each pool's default size where
 * asked; pools side by side at each count, so that a round measures them moments apart.
 */
function pooledCells(base: Omit<Cell, 'threads'>, threadCounts: readonly number[], selection: Selection): Cell[] {
  const pools = selection.pools ?? [defaultPool];
  const defaults = new Map(
    pools.flatMap((pool) => {
      const size = selection.poolDefaultsFor === undefined ? undefined : poolDefaultSize(pool, selection.poolDefaultsFor);
      return size === undefined ? [] : [[pool, size] as const];
    }),
  );
  const counts = [...new Set([...threadCounts, ...defaults.values()])].sort((a, b) => a - b);
  return counts.flatMap((threads) =>
    pools.flatMap((pool): Cell[] => {
      const isDefault = defaults.get(pool) === threads;
      if (!threadCounts.includes(threads) && !isDefault) return [];
      return [{ ...base, threads, pool, ...(isDefault ? { poolDefaultSize: true as const } : {}) }];
    }),
  );
}

/** The scenario's batch size at these params, where it declares one. */
function batchTasksOf(scenario: Scenario<Params, unknown, unknown, unknown>, params: Params): number | undefined {
  const { batchTasks } = scenario;
  if (typeof batchTasks !== 'function') return batchTasks;
  const tasks = batchTasks(params);
  if (!Number.isSafeInteger(tasks) || tasks < 1) {
    throw new UsageError(`Expected ${scenario.name}'s batchTasks to give a whole number of tasks, 1 or more, got ${tasks}`);
  }
  return tasks;
}

/** Why a worker cell cannot hand its data off this way, or undefined where it can. */
function handoffNotApplicable(scenario: string, support: HandoffSupport | undefined, handoff: Handoff): string | undefined {
  if (handoff === 'clone' || support?.[handoff] !== undefined) return undefined;
  return `${scenario} declares no ${handoff} hand-off (handoff.${handoff} in its module): its jobs are cloned only`;
}

function chooseScenarios(loaded: readonly LoadedScenario[], names: readonly string[] | undefined): LoadedScenario[] {
  if (!names) return [...loaded];
  const known = loaded.map((l) => l.scenario.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`Expected --scenario to name one of ${known.join(', ')}, got "${unknown.join(',')}"`);
  }
  return loaded.filter((l) => names.includes(l.scenario.name));
}

function checkParamNames(chosen: readonly LoadedScenario[], overrides: Readonly<Record<string, readonly string[]>>): void {
  const declared = new Set(chosen.flatMap((l) => Object.keys(l.scenario.params)));
  for (const name of Object.keys(overrides)) {
    if (!declared.has(name)) {
      const valid = chosen.map((l) => `${l.scenario.name}: ${Object.keys(l.scenario.params).join(', ') || '(none)'}`);
      throw new UsageError(`Expected --param to name a parameter of the selected scenarios (${valid.join('; ')}), got "${name}"`);
    }
  }
}

function parseParam(scenario: string, name: string, raw: string, declared: readonly ParamValue[]): ParamValue {
  if (typeof declared[0] === 'string') return raw;
  const value = Number(raw.replaceAll('_', ''));
  if (raw.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`Expected --param ${name} to be numbers (as ${scenario} declares), got "${raw}"`);
  }
  return value;
}

function smallest(values: readonly ParamValue[]): ParamValue {
  const [first, ...rest] = values;
  if (first === undefined) throw new Error('a scenario param list is empty (the loader rejects those)');
  return rest.reduce<ParamValue>((min, v) => (typeof v === 'number' && typeof min === 'number' && v < min ? v : min), first);
}

function cartesian(lists: readonly (readonly [string, readonly ParamValue[]])[]): Params[] {
  return lists.reduce<Params[]>(
    (combos, [name, values]) => combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value }))),
    [{}],
  );
}
