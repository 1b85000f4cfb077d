#!/usr/bin/env node
// The whole test run behind `npm test`: formatting, types, lint, then every suite (unit,
// integration, browser) one after another, and last one plain line with the total:
// "N passed, N failed". Each suite writes a JSON report into .test-reports/ for that total.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const reportDir = join(root, '.test-reports');
rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });
const env = { ...process.env, TEST_REPORT_DIR: reportDir, FORCE_COLOR: process.env.CI ? '0' : '1' };

const steps = [
  ['prettier', ['--check', '--log-level=warn', '.']],
  ['turbo', ['run', 'build', 'typecheck', 'lint', '--output-logs=errors-only']],
  // Suites run one at a time: they start servers and browsers on a small machine.
  ['turbo', ['run', 'test', '--concurrency=1', '--continue']],
];
const failedSteps = [];
for (const [command, args] of steps) {
  console.log(`\n> ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (result.status !== 0) failedSteps.push(`${command} ${args[0]}${args[1] ? ` ${args[1]}` : ''}`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
// What failed, named again at the very end: a CI log is often read from its last lines only.
const failures = [];
const firstLine = (text) =>
  String(text ?? '')
    .replace(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim()
    .slice(0, 300) ?? '';
const playwrightFailures = (suite, file) => {
  for (const spec of suite.specs ?? []) {
    if (spec.ok) continue;
    const result = spec.tests?.flatMap((test) => test.results ?? []).find((r) => r.error);
    failures.push(`${spec.file ?? file} › ${spec.title}: ${firstLine(result?.error?.message)}`);
  }
  for (const child of suite.suites ?? []) playwrightFailures(child, suite.file ?? file);
};
for (const file of existsSync(reportDir) ? readdirSync(reportDir) : []) {
  const report = JSON.parse(readFileSync(join(reportDir, file), 'utf8'));
  if (report.stats && 'expected' in report.stats) {
    // Playwright
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    for (const suite of report.suites ?? []) playwrightFailures(suite, suite.file);
  } else {
    // vitest
    passed += report.numPassedTests ?? 0;
    failed += (report.numFailedTests ?? 0) + (report.numRuntimeErrorTestSuites ?? 0);
    skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    for (const suiteFile of report.testResults ?? []) {
      const name = relative(root, suiteFile.name);
      const failedTests = (suiteFile.assertionResults ?? []).filter((t) => t.status === 'failed');
      for (const test of failedTests) {
        failures.push(`${name} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
      }
      if (failedTests.length === 0 && suiteFile.status === 'failed') {
        failures.push(`${name}: ${firstLine(suiteFile.message)}`);
      }
    }
  }
}

if (failures.length > 0) console.log(`\nFailed tests:\n${failures.map((f) => `  ${f}`).join('\n')}`);
if (failedSteps.length > 0) console.log(`\nFailed: ${failedSteps.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length > 0 || failed > 0 ? 1 : 0);
