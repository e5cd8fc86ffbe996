// Shared set-up for the manifest tests: installs this folder's npm packages (npm ci, once, even
// when several test files start together), publishes an AppHost model into a temporary directory
// and renders an overlay with `kubectl kustomize`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(here, '..', '..');

/** The two models published: the real AppHost's, and the sample with the system's full shape. */
export const models = {
  apphost: join(repoRoot, 'AppHost', 'DitCloud.AppHost', 'bin', 'Debug', 'net10.0', 'DitCloud.AppHost.dll'),
  sample: join(here, 'SampleAppHost', 'bin', 'Debug', 'net10.0', 'DitCloud.K8s.SampleAppHost.dll'),
};

export const overlays = ['dev', 'prod'];

export function ensureInstalled() {
  const marker = join(here, 'node_modules', '.package-lock.json');
  const fresh = () => existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(here, 'package-lock.json')).mtimeMs;
  if (fresh()) return;
  const lock = join(here, '.npm-ci.lock');
  const deadline = Date.now() + 5 * 60_000;
  while (true) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
      if (Date.now() > deadline) throw new Error(`timed out waiting for another npm ci (${lock})`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    if (fresh()) return;
    const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`npm ci in tests/k8s failed:\n${result.stdout}\n${result.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A fresh temporary directory, removed when the test ends. */
export function tempDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'ditcloud-k8s-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Runs `<model> publish kubernetes --output <dir> ...` and returns the directory. */
export function publish(model, dir, extraArgs = []) {
  const dll = models[model];
  if (!existsSync(dll)) throw new Error(`${dll} is missing: build first (./dit test does; or dotnet build DitCloud.sln)`);
  const output = join(dir, model);
  const result = spawnSync('dotnet', [dll, 'publish', 'kubernetes', '--output', output, ...extraArgs], { cwd: repoRoot, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`publishing the ${model} model failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return output;
}

/** `kubectl kustomize` of one overlay: the YAML exactly as `kubectl apply -k` would send it. */
export function render(published, overlay) {
  const result = spawnSync('kubectl', ['kustomize', join(published, 'overlays', overlay)], { encoding: 'utf8' });
  if (result.error?.code === 'ENOENT') throw new Error('kubectl is not installed: the manifests are rendered with `kubectl kustomize`');
  if (result.status !== 0) throw new Error(`kubectl kustomize ${overlay} failed:\n${result.stderr}`);
  return result.stdout;
}

/** Every file under a directory, by path relative to it, with its bytes. */
export function readTree(dir) {
  const files = new Map();
  const walk = (current) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}
