// Every vitest suite prints its usual output and, when the test runner asks for it
// (TEST_REPORT_DIR), writes a JSON report that scripts/run-tests.mjs adds up.
export function testReporters(suite: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.TEST_REPORT_DIR;
  if (!dir) return ['default'];
  return ['default', ['json', { outputFile: `${dir}/${suite}.json` }]];
}
