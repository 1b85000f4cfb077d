import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';

const require = createRequire(import.meta.url);
let source: Promise<string> | null = null;

/** One axe-core violation, as much of it as a failing test needs to say what is wrong and where. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
  /** How many elements break the rule (`targets` names the first five). */
  nodes: number;
}

/**
 * Runs axe-core (the npm package, injected into the page as it is) on what `page` shows now, and
 * returns its violations of `impacts` (by default the serious and critical ones). A dialog that is
 * open is checked with the page behind it. `include` (CSS selectors) checks only those parts of
 * the page.
 */
export async function axeViolations(
  page: Page,
  impacts: readonly string[] = ['serious', 'critical'],
  include: readonly string[] = [],
): Promise<AxeViolation[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  const script = await source;
  // Evaluated as a string through the DevTools protocol, which the page's CSP does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(script);
  const violations = await page.evaluate(
    async (include) => {
      type Context = Document | { include: string[] };
      const axe = (window as unknown as { axe: { run: (context: Context) => Promise<AxeResults> } }).axe;
      interface AxeResults {
        violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
      }
      const results = await axe.run(include.length > 0 ? { include } : document);
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        targets: violation.nodes.slice(0, 5).map((node) => node.target.map(String).join(' ')),
        nodes: violation.nodes.length,
      }));
    },
    [...include],
  );
  return violations.filter((violation) => violation.impact !== null && impacts.includes(violation.impact));
}

/** A readable line per violation, for a failing expectation's message. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.join(', ')}`).join('\n');
}
