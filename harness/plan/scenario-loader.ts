// Finds scenario modules (JavaScript, or TypeScript where Node strips types), imports them and
// checks their shape once, so the rest of the harness can trust the type.
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { types } from 'node:util';
import type { Params, ParamValue, Scenario } from '../api/scenario.js';
import { UsageError } from './errors.js';

/** A scenario as the harness holds it: its shape checked, its module file known. */
export interface LoadedScenario {
  /** Absolute path of the module; cell processes and workers import it again. */
  readonly file: string;
  readonly scenario: Scenario<Params, unknown, unknown, unknown>;
}

/** The compiled built-in scenarios, beside the compiled harness. */
export const builtInScenarioDir = fileURLToPath(new URL('../../scenarios/', import.meta.url));

const moduleExtensions = new Set(['.js', '.mjs']);
const typeScriptExtensions = new Set(['.ts', '.mts']);
const namePattern = /^[a-z0-9][a-z0-9-]*$/;
const paramPattern = /^[a-z][a-z0-9_]*$/;

/**
 * Whether this Node runs `.ts` files by stripping their types (on by default from Node 22.18 and
 * 23.6): read from the feature Node reports, not from its version. No loader ever transpiles: the
 * cell processes and their workers import the file as Node itself runs it.
 */
export function stripsTypes(): boolean {
  const { typescript } = process.features as { readonly typescript?: string | false };
  return typescript === 'strip' || typescript === 'transform';
}

/** A module Node runs by stripping its types: every worker that imports it pays for the stripping. */
export function isTypeScriptModule(file: string): boolean {
  return typeScriptExtensions.has(extname(file));
}

const notStripped = () => `this Node (${process.version}) does not strip TypeScript types: compile it with tsc, or run Node 22.18 or later`;

/** Lists the scenario module files of a directory, or the one file named. */
export function findScenarioFiles(target: string): string[] {
  const path = resolve(target);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new UsageError(`Expected --scenarios to be a directory or a .js/.mjs file, got "${target}" (not found)`);
  }
  const typeScript = stripsTypes();
  if (!isDirectory) {
    if (moduleExtensions.has(extname(path)) || (typeScript && typeScriptExtensions.has(extname(path)))) return [path];
    if (typeScriptExtensions.has(extname(path)))
      throw new UsageError(`Expected --scenarios to name JavaScript (.js or .mjs), got "${target}": ${notStripped()}`);
    throw new UsageError(
      `Expected --scenarios to name a scenario module (.js or .mjs${typeScript ? ', .ts or .mts' : ''}), got "${target}"`,
    );
  }
  const names = readdirSync(path).filter((name) => !/\.test\.m?[jt]s$/.test(name) && !/\.d\.m?ts$/.test(name));
  const javaScript = names.filter((name) => moduleExtensions.has(extname(name)));
  // A module compiled beside its source is taken as compiled: the two would be one scenario twice.
  const compiled = new Set(javaScript.map((name) => name.replace(/\.m?js$/, '')));
  const sources = names.filter((name) => typeScriptExtensions.has(extname(name)) && !compiled.has(name.replace(/\.m?ts$/, '')));
  if (sources.length > 0 && !typeScript && javaScript.length === 0) {
    throw new UsageError(`Expected scenario modules (.js or .mjs) in "${target}", found only TypeScript: ${notStripped()}`);
  }
  const files = [...javaScript, ...(typeScript ? sources : [])].sort().map((name) => join(path, name));
  if (files.length === 0) {
    throw new UsageError(
      `Expected scenario modules (.js or .mjs${typeScript ? ', .ts or .mts' : ''}) in "${target}", found none: compile with tsc first`,
    );
  }
  return files;
}

/** Imports and checks every scenario module; names must be unique. */
export async function loadScenarios(files: readonly string[]): Promise<LoadedScenario[]> {
  const loaded: LoadedScenario[] = [];
  for (const file of files) {
    let module: unknown;
    try {
      module = await import(pathToFileURL(file).href);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new UsageError(`Expected ${file} to import without error, got ${reason.replace(/\s+/g, ' ')}`);
    }
    const exported = isRecord(module) ? module.default : undefined;
    const scenario = checkScenario(exported, file);
    const twin = loaded.find((other) => other.scenario.name === scenario.name);
    if (twin) {
      throw new UsageError(`Expected unique scenario names, got "${scenario.name}" in both ${twin.file} and ${file}`);
    }
    loaded.push({ file, scenario });
  }
  return loaded;
}

function checkScenario(value: unknown, file: string): Scenario<Params, unknown, unknown, unknown> {
  const fail = (expected: string, received: unknown): never => {
    throw new UsageError(`Expected ${file} to default-export a scenario whose ${expected}, got ${describe(received)}`);
  };
  if (!isRecord(value)) return fail('value is an object (see defineScenario)', value);
  const { name, description, params, input, run, runAsync, noThreadpoolForm, warmupMs, batchTasks, quick, handoff } = value;
  if (typeof name !== 'string' || !namePattern.test(name)) return fail('name is lower-case kebab-case', name);
  if (typeof description !== 'string' || description === '') return fail('description is a non-empty string', description);
  if (!isRecord(params)) return fail('params is an object of value lists', params);
  if (warmupMs !== undefined && (typeof warmupMs !== 'number' || !Number.isFinite(warmupMs) || warmupMs < 0)) {
    return fail('warmupMs, where given, is a number of milliseconds, 0 or more', warmupMs);
  }
  const isTaskCount = (n: unknown) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;
  if (batchTasks !== undefined && typeof batchTasks !== 'function' && !isTaskCount(batchTasks)) {
    return fail('batchTasks, where given, is a whole number of tasks, 1 or more, or a function of the params', batchTasks);
  }
  for (const [param, values] of Object.entries(params)) {
    if (!paramPattern.test(param)) return fail(`param names are snake_case`, param);
    if (!isParamList(values)) return fail(`params.${param} is a non-empty list of numbers or of strings`, values);
  }
  if (quick !== undefined) {
    if (!isRecord(quick)) return fail('quick, where given, is an object of value lists', quick);
    for (const [param, values] of Object.entries(quick)) {
      if (!(param in params)) return fail(`quick names declared params only (${Object.keys(params).join(', ') || 'none'})`, param);
      if (!isParamList(values)) return fail(`quick.${param} is a non-empty list of numbers or of strings`, values);
    }
  }
  const handoffError = checkHandoff(handoff);
  if (handoffError) return fail(handoffError, handoff);
  if (typeof input !== 'function') return fail('input is a function', input);
  if (typeof run !== 'function') return fail('run is a function', run);
  // Workers would await its promise and sync could not: the variants would not do the same work.
  if (types.isAsyncFunction(run)) return fail('run is synchronous (put the async form in runAsync)', run);
  const hasAsync = typeof runAsync === 'function';
  const hasReason = typeof noThreadpoolForm === 'string' && noThreadpoolForm !== '';
  if (hasAsync === hasReason) {
    return fail('runAsync is a function or noThreadpoolForm says why there is none (exactly one)', runAsync);
  }
  // Checked field by field above; the function signatures are the module author's contract.
  return value as unknown as Scenario<Params, unknown, unknown, unknown>;
}

/** What is wrong with a scenario's `handoff` declaration, or undefined. */
function checkHandoff(handoff: unknown): string | undefined {
  if (handoff === undefined) return undefined;
  const expected = 'handoff, where given, is { transfer?: true, shared?: true | { outputBytes(params) } }';
  if (!isRecord(handoff)) return expected;
  const { transfer, shared, ...rest } = handoff;
  if (Object.keys(rest).length > 0) return expected;
  if (transfer !== undefined && transfer !== true) return expected;
  if (shared !== undefined && shared !== true && !(isRecord(shared) && typeof shared.outputBytes === 'function')) return expected;
  return undefined;
}

function isParamList(values: unknown): values is readonly ParamValue[] {
  if (!Array.isArray(values) || values.length === 0) return false;
  const kind = typeof values[0];
  return (kind === 'number' || kind === 'string') && values.every((v) => typeof v === kind && v !== '' && !Number.isNaN(v));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function describe(value: unknown): string {
  if (typeof value === 'function') return types.isAsyncFunction(value) ? 'an async function' : 'a function';
  if (value === undefined) return 'nothing';
  return JSON.stringify(value) ?? String(value);
}
