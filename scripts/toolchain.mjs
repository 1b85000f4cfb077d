#!/usr/bin/env node
// Brings the toolchain Journeyboard needs (Node >= 22, pnpm 10) from the npm registry, then runs
// `start`, `test`, `bench` or a plain `pnpm` command with it. Runs on any Node >= 18, so that
// `npm start` and `npm test` work on a machine whose own Node is older than the project needs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const NODE_VERSION = '24.21.0';
const root = dirname(dirname(fileURLToPath(import.meta.url)));
const toolchainDir = join(root, '.toolchain');
const rootPackage = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const PNPM_VERSION = rootPackage.packageManager.replace(/^pnpm@/, '');

function fail(message) {
  console.error(`journeyboard: ${message}`);
  process.exit(1);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) fail(`could not run ${command}: ${result.error.message}`);
  return result.status ?? 1;
}

function installedVersion(name) {
  const file = join(toolchainDir, 'node_modules', name, 'package.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).version : null;
}

/** Node's own binary when it is new enough, otherwise the registry's build for this platform. */
function ensureToolchain() {
  const ownMajor = Number(process.versions.node.split('.')[0]);
  const nodePackage = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const wanted = { pnpm: PNPM_VERSION };
  if (ownMajor < 22) wanted[nodePackage] = NODE_VERSION;

  const missing = Object.entries(wanted).filter(([name, version]) => installedVersion(name) !== version);
  if (missing.length > 0) {
    mkdirSync(toolchainDir, { recursive: true });
    writeFileSync(
      join(toolchainDir, 'package.json'),
      JSON.stringify({ name: 'journeyboard-toolchain', private: true, dependencies: wanted }, null, 2),
    );
    console.log(
      `journeyboard: installing ${missing.map(([n, v]) => `${n}@${v}`).join(', ')} into .toolchain/`,
    );
    const status = run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'],
      {
        cwd: toolchainDir,
        shell: process.platform === 'win32',
      },
    );
    if (status !== 0) {
      fail(
        `could not install ${nodePackage}@${NODE_VERSION} from the npm registry. ` +
          'Install Node.js 22 or newer yourself and run the command again.',
      );
    }
  }

  const nodeBin =
    ownMajor >= 22
      ? process.execPath
      : join(
          toolchainDir,
          'node_modules',
          nodePackage,
          'bin',
          process.platform === 'win32' ? 'node.exe' : 'node',
        );
  if (!existsSync(nodeBin)) fail(`the Node.js binary is missing at ${nodeBin}`);
  const pnpmBin = join(toolchainDir, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

  const nodeDir = dirname(nodeBin);
  const env = {
    ...process.env,
    PATH: [
      nodeDir,
      join(toolchainDir, 'node_modules', '.bin'),
      join(root, 'node_modules', '.bin'),
      process.env.PATH,
    ].join(process.platform === 'win32' ? ';' : ':'),
    NODE: nodeBin,
    npm_node_execpath: nodeBin,
    npm_config_nodedir: dirname(nodeDir),
    // pnpm and turbo must not prompt or print update notices in CI logs.
    npm_config_update_notifier: 'false',
    TURBO_TELEMETRY_DISABLED: '1',
    DO_NOT_TRACK: '1',
  };
  return { nodeBin, pnpmBin, env };
}

const [command = 'start', ...rest] = process.argv.slice(2);
const { nodeBin, pnpmBin, env } = ensureToolchain();
const pnpm = (args) => run(nodeBin, [pnpmBin, ...args], { cwd: root, env });

if (command === 'pnpm') process.exit(pnpm(rest));

const installStatus = pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=append-only']);
if (installStatus !== 0) fail('installing the dependencies failed (see above)');

switch (command) {
  case 'start': {
    if (pnpm(['run', 'build']) !== 0) fail('the build failed (see above)');
    process.exit(pnpm(['run', 'serve', ...rest]));
  }
  case 'test':
    process.exit(pnpm(['run', 'test:all', ...rest]));
  case 'bench': {
    // `npm run bench -- --quick`: turbo takes no such flag, so it travels as BENCH_QUICK (passed
    // through in turbo.json) to every package's bench script.
    // `npm run bench -- cursors relay`: names of benchmarks travel as BENCH_ONLY the same way.
    const quick = rest.includes('--quick');
    const names = rest.filter((arg) => !arg.startsWith('-'));
    const args = ['run', 'bench:all', ...rest.filter((arg) => arg !== '--quick' && arg.startsWith('-'))];
    const benchEnv = {
      ...env,
      ...(quick ? { BENCH_QUICK: '1' } : {}),
      ...(names.length > 0 ? { BENCH_ONLY: names.join(',') } : {}),
    };
    process.exit(run(nodeBin, [pnpmBin, ...args], { cwd: root, env: benchEnv }));
  }
  default:
    fail(`unknown command "${command}": use start, test, bench or pnpm`);
}
