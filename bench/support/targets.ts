import { loadavg } from 'node:os';
import type { Client } from '@temporalio/client';
import type { Stack } from '../../scripts/stack';
import type { StackTarget } from '../../tests/support/stack';
import { onWholeStack } from './whole-stack';

const everyTarget: readonly StackTarget[] = ['development', 'county'];

/** `--target development|county|both` for `parseArgs`: which stacks a benchmark runs on, one after the other. */
export const targetOption = { target: { type: 'string', default: 'both' } } as const;

/** The stacks a `--target` names, or a message naming the flag. */
export function targetsOf(raw: string): readonly StackTarget[] {
  if (raw === 'both') return everyTarget;
  const target = everyTarget.find((t) => t === raw);
  if (!target) throw new Error(`--target must be development, county or both, got ${raw}`);
  return [target];
}

/** The one-, five- and fifteen-minute load averages: a figure is evidence only from a machine that was quiet. */
export const loadAverage = () => loadavg().map((n) => n.toFixed(2)).join(' / ');

/** What a benchmark found on one stack, by the name it prints each figure under. */
export type Figures = Record<string, number | string>;

/** The rows of a `console.table` as figures of their own, `${row} ${column}`: of the columns named, or of all. */
export function figuresOfTable(table: Record<string, Record<string, number | string>>, columns?: readonly string[]): Figures {
  const figures: Figures = {};
  for (const [row, values] of Object.entries(table)) {
    for (const column of columns ?? Object.keys(values)) if (column in values) figures[`${row} ${column}`] = values[column]!;
  }
  return figures;
}

/**
 * Measures on each target in turn, each on a whole stack of its own that is stopped before the next one starts, so
 * the two never share the machine. Prints the load average at the start and at the end of each run and keeps both
 * with the run's figures. A run that failed has no figures (its error is printed, the exit code fails).
 */
export async function onEachTarget(targets: readonly StackTarget[], measure: (stack: Stack, client: Client, target: StackTarget) => Promise<Figures>) {
  const byTarget = new Map<StackTarget, Figures>();
  for (const target of targets) {
    console.log(`\n━━ ${target} stack ━━`);
    const atStart = loadAverage();
    console.log(`load average (1 / 5 / 15 min) at the start of the ${target} run, before its stack started: ${atStart}`);
    const figures = await onWholeStack(target, async (stack, client) => {
      const measured = await measure(stack, client, target);
      return { ...measured, 'load average at the end': loadAverage() };
    });
    const atEnd = figures?.['load average at the end'] ?? loadAverage();
    console.log(`load average (1 / 5 / 15 min) at the end of the ${target} run: ${atEnd}`);
    if (figures) byTarget.set(target, { 'load average at the start': atStart, ...figures });
  }
  return byTarget;
}

/**
 * Every figure's name in the order the runs printed them: one only a later run has (a route the other run never
 * happened to call) goes in after the name it followed there, beside its kin rather than at the end.
 */
function namesInOrder(runs: readonly Figures[]) {
  const names: string[] = [];
  for (const figures of runs) {
    let after = -1;
    for (const name of Object.keys(figures)) {
      const at = names.indexOf(name);
      if (at === -1) names.splice(++after, 0, name);
      else after = at;
    }
  }
  return names;
}

/** Two decimals at most: a figure is kept as measured, so that ratios of figures are not ratios of roundings. */
const shown = (value: number | string | undefined) => (typeof value === 'number' ? Math.round(value * 100) / 100 : (value ?? '—'));

/** One table: a row a figure, a column a target, `—` where a target's run failed or did not have the figure. */
export function printSideBySide(title: string, targets: readonly StackTarget[], byTarget: ReadonlyMap<StackTarget, Figures>) {
  const names = namesInOrder(targets.flatMap((target) => (byTarget.has(target) ? [byTarget.get(target)!] : [])));
  const rows = Object.fromEntries(names.map((name) => [name, Object.fromEntries(targets.map((target) => [target, shown(byTarget.get(target)?.[name])]))]));
  console.log(`\n${title}`);
  console.table(rows);
  for (const target of targets) if (!byTarget.has(target)) console.log(`${target}: the run failed (its error is above); no figures`);
}
