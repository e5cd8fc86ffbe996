// Harness for the browser proof: npm packages, the .NET test API, the page server and Chromium.
// Everything it starts is loopback-only and is stopped by the returned stop().
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../interop/test-api.mjs';

export const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const chromiumPath = '/usr/bin/chromium';
const testApiDll = path.join(root, 'tests/TestApi/bin/Debug/net10.0/DitCloud.TestApi.dll');

// The only install this test ever does: the pinned packages of package-lock.json, when missing.
export function ensurePackages() {
  if (existsSync(path.join(here, 'node_modules/.package-lock.json'))) return;
  execFileSync('npm', ['ci', '--prefix', here, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
}

// Bundles a page (src/page.ts unless told) for the browser, in memory. The generated client lives
// in contracts/ts/gen and imports @bufbuild/protobuf; every bare import is resolved from
// tests/browser/node_modules so the page has exactly one copy of each pinned package (never
// contracts/node_modules).
export async function bundlePage(entry = path.join(here, 'src/page.ts')) {
  const esbuild = await import('esbuild');
  const fromHere = {
    name: 'bare-imports-from-tests-browser',
    setup(build) {
      build.onResolve({ filter: /^[@a-z]/ }, async (args) => {
        if (args.pluginData === 'resolving') return undefined;
        const result = await build.resolve(args.path, { kind: args.kind, resolveDir: here, pluginData: 'resolving' });
        return result.errors.length ? { errors: result.errors } : { path: result.path };
      });
    },
  };
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'silent',
    plugins: [fromHere],
  });
  await esbuild.stop(); // its service process would otherwise live until node exits
  return result.outputFiles[0].text;
}

function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

// The .NET echo API as the AppHost runs a service: an HTTP/2 port for gRPC and an HTTP/1.1 port,
// the one browsers use, for gRPC-web. Built by `./dit test` (dotnet build).
export async function startTestApi() {
  if (!existsSync(testApiDll)) throw new Error(`${testApiDll} is missing: build it first (./dit test, or dotnet build tests/TestApi)`);
  const grpcPort = await freePort();
  const httpPort = await freePort();
  const child = spawn('dotnet', [testApiDll], {
    env: {
      ...process.env,
      Kestrel__Endpoints__grpc__Url: `http://127.0.0.1:${grpcPort}`,
      Kestrel__Endpoints__grpc__Protocols: 'Http2',
      Kestrel__Endpoints__http__Url: `http://127.0.0.1:${httpPort}`,
      Kestrel__Endpoints__http__Protocols: 'Http1',
      Logging__LogLevel__Default: 'Warning',
    },
    stdio: ['ignore', 2, 2],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; !(await accepts(httpPort)); i++) {
    if (child.exitCode !== null) throw new Error(`the test API exited with code ${child.exitCode}`);
    if (i >= 300) { await stop(); throw new Error('the test API did not listen within 30 s'); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { baseUrl: `http://127.0.0.1:${httpPort}`, child, stop };
}

// A page on its own loopback origin that loads the bundle: the API is therefore cross-origin.
// The port is free unless told (an origin the server under test was configured with beforehand).
export async function startPageServer(bundle, port = 0) {
  const html = '<!doctype html><meta charset="utf-8"><title>DitCloud gRPC-web</title><script src="/page.js"></script>';
  const server = http.createServer((req, res) => {
    if (req.url === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    else if (req.url === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(bundle);
    else res.writeHead(404).end();
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Debian's chromium, never a downloaded browser. By default --disable-web-security lets the page
// call the API on another loopback origin without CORS: the services' CORS belongs to the gateway,
// and the echo proof is a protocol test of gRPC-web itself, browser straight to Kestrel. With
// { webSecurity: true } Chromium enforces CORS as any browser does (the gateway journey).
// playwright-core gives it a fresh temporary --user-data-dir and removes it on close.
export async function launchChromium({ webSecurity = false } = {}) {
  if (!existsSync(chromiumPath)) throw new Error(`${chromiumPath} is missing: apt-get install -y chromium (./dit test installs it)`);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    chromiumSandbox: false,
    timeout: 60_000,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...(webSecurity ? [] : ['--disable-web-security']),
    ],
  });
}
