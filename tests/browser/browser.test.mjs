// Browser proof (issue 11): the generated TypeScript (contracts/ts) with @connectrpc/connect-web in
// headless Chromium (Debian package, driven by playwright-core) against the .NET test API, over
// gRPC-web binary and gRPC-web-text: unary, server streaming, and errors with their details.
// Run: node --test tests/browser/*.test.mjs (installs tests/browser's pinned packages if missing).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bundlePage, ensurePackages, launchChromium, startPageServer, startTestApi } from './harness.mjs';

ensurePackages();
const { Code } = await import('@connectrpc/connect');

let api;
let pageServer;
let browser;
let page;
// Every response Chromium received from the API (read asynchronously): the raw content types on the wire.
let wire = [];

before(async () => {
  const bundle = await bundlePage();
  api = await startTestApi();
  pageServer = await startPageServer(bundle);
  browser = await launchChromium();
  page = await browser.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('response', (response) => {
    if (!response.url().startsWith(api.baseUrl)) return;
    wire.push((async () => ({
      path: new URL(response.url()).pathname,
      requestContentType: await response.request().headerValue('content-type'),
      responseContentType: await response.headerValue('content-type'),
      status: response.status(),
    }))());
  });
  await page.goto(pageServer.url);
  await page.waitForFunction(() => typeof globalThis.dit === 'object');
  assert.deepEqual(pageErrors, []);
  await page.evaluate((baseUrl) => globalThis.dit.connect(baseUrl), api.baseUrl);
}, { timeout: 120_000 });

after(async () => {
  await browser?.close();
  await pageServer?.stop();
  await api?.stop();
});

process.once('exit', () => { if (api?.child.exitCode === null) api.child.kill('SIGKILL'); });

// Runs fn in the page and returns its result with the exchanges Chromium saw on the wire for it.
async function inPage(fn, ...args) {
  wire = [];
  const result = await page.evaluate(fn, args);
  return { result, wire: await Promise.all(wire) };
}

const modes = {
  binary: { requestContentType: /^application\/grpc-web\+proto$/, responseContentType: /^application\/grpc-web(\+proto)?$/ },
  text: { requestContentType: /^application\/grpc-web-text$/, responseContentType: /^application\/grpc-web-text(\+proto)?$/ },
};

function assertWire(exchanges, mode, method) {
  assert.equal(exchanges.length, 1, `one HTTP exchange for ${method}`);
  const [x] = exchanges;
  assert.equal(x.path, `/dit.testing.v1.EchoService/${method}`);
  assert.equal(x.status, 200);
  assert.match(x.requestContentType, modes[mode].requestContentType);
  assert.match(x.responseContentType, modes[mode].responseContentType);
}

for (const mode of Object.keys(modes)) {
  describe(`gRPC-web ${mode} from Chromium`, () => {
    test('unary: Echo answers the message and echoes echo- metadata', { timeout: 30_000 }, async () => {
      const message = `hello from ${mode} — Grüße, 你好 ✓`;
      const { result, wire } = await inPage(([m, msg]) => globalThis.dit.unary(m, msg), mode, message);
      assert.deepEqual(result, { message, echoedMetadata: { 'echo-from': 'chromium' } });
      assertWire(wire, mode, 'Echo');
    });

    test('server streaming: every reply, in order, as it is sent', { timeout: 30_000 }, async () => {
      const count = 5;
      const intervalMs = 100;
      const { result, wire } = await inPage(
        ([m, c, i]) => globalThis.dit.serverStream(m, 'tick', c, i), mode, count, intervalMs);
      assert.deepEqual(result.map((r) => [r.message, r.sequence]), [1, 2, 3, 4, 5].map((n) => ['tick', n]));
      // Replies reach the page as they are sent, not all at once when the call ends.
      const spread = result.at(-1).atMs - result[0].atMs;
      assert.ok(spread >= (count - 1) * intervalMs * 0.7, `replies arrived over ${spread} ms, expected about ${(count - 1) * intervalMs}`);
      assertWire(wire, mode, 'EchoServerStream');
    });

    test('error: INVALID_ARGUMENT carries a google.rpc.BadRequest field violation', { timeout: 30_000 }, async () => {
      const { result, wire } = await inPage(([m]) => globalThis.dit.failingUnary(m, { message: '' }), mode);
      assert.equal(result.code, Code.InvalidArgument, JSON.stringify(result));
      assert.equal(result.violations.length, 1, JSON.stringify(result));
      assert.equal(result.violations[0].field, 'payload.message');
      assert.ok(result.violations[0].description.length > 0);
      assertWire(wire, mode, 'Echo');
    });

    test('error: a status asked for arrives with its unicode message', { timeout: 30_000 }, async () => {
      const failMessage = 'refusé: 患者 ✗ "quoted" 100%';
      const { result, wire } = await inPage(
        ([m, msg]) => globalThis.dit.failingUnary(m, { message: 'x', failWithCode: 7, failMessage: msg }), mode, failMessage);
      assert.deepEqual(result, { code: Code.PermissionDenied, rawMessage: failMessage, violations: [] });
      assertWire(wire, mode, 'Echo');
    });
  });
}

test('text mode: the harness fetch wrapper saw text both ways for every text call', async () => {
  const exchanges = await page.evaluate(() => globalThis.dit.textExchanges());
  assert.equal(exchanges.length, 4);
  for (const x of exchanges) {
    assert.match(x.requestContentType, modes.text.requestContentType);
    assert.match(x.responseContentType, modes.text.responseContentType);
  }
});
