/** Printing a benchmark's table and writing its figures to bench/results/<name>.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

export const RESULTS_DIR = new URL('../results/', import.meta.url);

/** A plain text table: figures right-aligned, words left-aligned. */
export function printTable(title: string, headers: string[], rows: (string | number)[][]): void {
  const cells = [headers, ...rows.map((row) => row.map((cell) => String(cell)))];
  const widths = headers.map((_, column) => Math.max(...cells.map((row) => (row[column] ?? '').length)));
  const isFigure = (cell: string) =>
    /^[-+]?[\d.]+(\s?(%|ms|kB|MB|s|br|gzip|none))?$|^—$|^\d+ \/ \d+$/.test(cell);
  const line = (row: string[], header = false) =>
    row
      .map((cell, column) =>
        !header && column > 0 && isFigure(cell)
          ? cell.padStart(widths[column]!)
          : cell.padEnd(widths[column]!),
      )
      .join(' | ');
  console.log(`\n${title}\n`);
  console.log(line(cells[0]!, true));
  console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  for (const row of cells.slice(1)) console.log(line(row));
  console.log('');
}

/** What the machine looked like during the run, since every figure depends on it. */
export function machineNow() {
  const cores = cpus();
  return {
    cpuModel: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100),
    node: process.version,
  };
}

/** Writes `figures` as bench/results/<name>.json and says where. */
export function writeResults(name: string, figures: Record<string, unknown>): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = new URL(`${name}.json`, RESULTS_DIR);
  writeFileSync(
    file,
    `${JSON.stringify({ benchmark: name, at: new Date().toISOString(), ...figures }, null, 2)}\n`,
  );
  console.log(`Figures written to ${file.pathname}`);
}

/** `value` formatted with `digits` decimals, or an em dash when there is none. */
export function fmt(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}
