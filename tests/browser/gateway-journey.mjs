// The partner journey in headless Chromium through the DitCloud gateway (issue 8): gRPC-web with
// @connectrpc/connect-web and the browser's real CORS (no --disable-web-security). Not a *.test.mjs:
// it needs the services and gateway that tests/Gateway.Journey.Tests (BrowserJourneyTests) starts,
// and that test runs it as a child process:
//
//   node tests/browser/gateway-journey.mjs   with, in its environment,
//     DIT_GATEWAY_URL      the gateway's HTTP/1.1 address (gRPC-web, /dev/sign-in)
//     DIT_PAGE_ORIGIN      the origin the gateway allows (Gateway:CorsOrigins); the page is served there
//     DIT_PARTNER_A_TOKEN  DIT_PARTNER_B_TOKEN   partner access tokens from the token endpoint
//     DIT_PRACTITIONER_ID  the practitioner who signs in and treats the course
//
// Protocol on stdout, one JSON object a line: {"ask": ...} when the test must act (it answers with
// one line on stdin), then {"report": ...}: what the browser saw at every step, for the test to
// assert on. Anything unexpected (a step that throws, a missing browser) goes to stderr with exit 1.
import path from 'node:path';
import readline from 'node:readline';
import { bundlePage, ensurePackages, here, launchChromium, startPageServer } from './harness.mjs';

const settings = Object.fromEntries(
  ['DIT_GATEWAY_URL', 'DIT_PAGE_ORIGIN', 'DIT_PARTNER_A_TOKEN', 'DIT_PARTNER_B_TOKEN', 'DIT_PRACTITIONER_ID'].map((name) => {
    if (!process.env[name]) {
      console.error(`${name} is not set: this script is run by tests/Gateway.Journey.Tests (BrowserJourneyTests), which starts the gateway.`);
      process.exit(2);
    }
    return [name, process.env[name]];
  }),
);
const gatewayUrl = settings.DIT_GATEWAY_URL.replace(/\/$/, '');
const pageOrigin = new URL(settings.DIT_PAGE_ORIGIN);

// The test waits for this script with its own limit; this one ends first with a clearer message.
const watchdog = setTimeout(() => {
  console.error('gateway-journey.mjs: the journey did not finish within 150 s');
  process.exit(1);
}, 150_000);

const questions = readline.createInterface({ input: process.stdin });
const answers = questions[Symbol.asyncIterator]();

/** Asks the test to act (the clinic's clock lives in the test) and waits for its one-line answer. */
async function ask(question) {
  process.stdout.write(`${JSON.stringify({ ask: question })}\n`);
  const { value, done } = await answers.next();
  if (done) throw new Error(`the test closed stdin instead of answering ${JSON.stringify(question)}`);
  return JSON.parse(value);
}

/** A step's result; a step that fails outright (not a refusal the page reports) ends the journey. */
function ok(step, outcome) {
  if (!outcome || !('ok' in outcome)) throw new Error(`${step} failed: ${JSON.stringify(outcome)}`);
  return outcome.ok;
}

const stops = [];
let exitCode = 0;
try {
  ensurePackages();
  const bundle = await bundlePage(path.join(here, 'src/gateway-journey-page.ts'));
  const pageServer = await startPageServer(bundle, Number(pageOrigin.port));
  stops.push(pageServer.stop);
  // The same page from an origin the gateway does not list: the browser must refuse its calls.
  const strangerServer = await startPageServer(bundle);
  stops.push(strangerServer.stop);
  const browser = await launchChromium({ webSecurity: true });
  stops.push(() => browser.close());

  const page = await openPage(browser, pageServer.url);
  const wire = recordGatewayTraffic(page);
  const preflights = await recordPreflights(page);
  const run = (step, ...args) => page.evaluate(([name, values]) => globalThis.journey[name](...values), [step, args]);
  await run('connect', gatewayUrl, settings.DIT_PARTNER_A_TOKEN, settings.DIT_PARTNER_B_TOKEN);

  const report = {};
  report.signIn = await run('signIn', settings.DIT_PRACTITIONER_ID, 'clinician');
  report.submitted = await run('submit');
  const { referralId } = ok('submit', report.submitted);
  report.readByPartner = await run('referral', 'partnerA', referralId);
  report.readByOtherPartner = await run('referral', 'partnerB', referralId);
  report.screenedByPartner = await run('screenSuitable', 'partnerA', referralId, ok('read', report.readByPartner).etag);
  report.screened = await run('screenSuitable', 'clinician', referralId, ok('read', report.readByPartner).etag);
  report.readAfterScreening = await run('referral', 'partnerA', referralId);
  report.accepted = await run('accept', referralId);
  report.course = await run('course', 'partnerA', referralId, true);
  const { courseId } = ok('course', report.course);
  report.courseForOtherPartner = await run('course', 'partnerB', referralId, false);
  report.booked = await run('bookFirstSlot', courseId, settings.DIT_PRACTITIONER_ID);
  const { appointmentId, start } = ok('bookFirstSlot', report.booked);
  // The session must have begun before its attendance is recorded: the test moves the clinic's clock.
  await ask({ sessionStarted: start });
  report.attended = await run('attend', appointmentId);
  report.measures = await run('recordSessionMeasures', courseId, start);
  report.outcome = await run('courseOutcome', 'clinician', courseId);
  report.trajectory = await run('trajectory', 'clinician', courseId);
  report.outcomeForPartner = await run('courseOutcome', 'partnerA', courseId);
  report.trajectoryForPartner = await run('trajectory', 'partnerA', courseId);
  report.outcomeForOtherPartner = await run('courseOutcome', 'partnerB', courseId);
  report.trajectoryForOtherPartner = await run('trajectory', 'partnerB', courseId);
  report.stranger = await callFromStranger(browser, strangerServer.url, referralId);

  report.wire = await Promise.all(wire);
  report.preflights = preflights;
  report.pageOrigin = pageOrigin.origin;
  process.stdout.write(`${JSON.stringify({ report })}\n`);
} catch (error) {
  console.error(error?.stack ?? String(error));
  exitCode = 1;
} finally {
  for (const stop of stops.reverse()) await stop().catch((error) => console.error(`cleanup: ${error}`));
  clearTimeout(watchdog);
  questions.close();
}
process.exit(exitCode);

async function openPage(browser, url) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error(`page error: ${error}`));
  await page.goto(url);
  await page.waitForFunction(() => typeof globalThis.journey === 'object');
  return page;
}

/** Every response Chromium got from the gateway, with the headers CORS and gRPC-web turn on. */
function recordGatewayTraffic(page) {
  const seen = [];
  page.on('response', (response) => {
    if (!response.url().startsWith(gatewayUrl)) return;
    seen.push((async () => ({
      path: new URL(response.url()).pathname,
      method: response.request().method(),
      status: response.status(),
      requestContentType: (await response.request().headerValue('content-type')) ?? null,
      responseContentType: (await response.headerValue('content-type')) ?? null,
      allowOrigin: (await response.headerValue('access-control-allow-origin')) ?? null,
    }))());
  });
  return seen;
}

/**
 * The CORS preflights Chromium sent and what the gateway answered. Playwright's own events leave
 * preflights out; the DevTools protocol reports them as requests whose initiator is "preflight".
 */
async function recordPreflights(page) {
  const cdp = await page.context().newCDPSession(page);
  const preflights = new Map();
  cdp.on('Network.requestWillBeSent', ({ requestId, initiator, request }) => {
    if (initiator?.type === 'preflight' && request.url.startsWith(gatewayUrl)) {
      preflights.set(requestId, { path: new URL(request.url).pathname, method: request.method, status: null, allowOrigin: null });
    }
  });
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const preflight = preflights.get(requestId);
    if (!preflight) return;
    preflight.status = response.status;
    const allow = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'access-control-allow-origin');
    preflight.allowOrigin = allow ? allow[1] : null;
  });
  await cdp.send('Network.enable');
  return {
    get count() { return preflights.size; },
    toJSON() { return [...preflights.values()]; },
  };
}

/** The same call from an origin not in Gateway:CorsOrigins: the browser must block it, whatever the token. */
async function callFromStranger(browser, url, referralId) {
  const page = await openPage(browser, url);
  const blocked = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('CORS policy')) blocked.push(message.text());
  });
  await page.evaluate(([gateway, a, b]) => globalThis.journey.connect(gateway, a, b), [gatewayUrl, settings.DIT_PARTNER_A_TOKEN, settings.DIT_PARTNER_B_TOKEN]);
  const result = await page.evaluate((id) => globalThis.journey.referral('partnerA', id), referralId);
  // The console message may arrive just after the failed fetch settles.
  for (let i = 0; i < 50 && blocked.length === 0; i++) await new Promise((r) => setTimeout(r, 100));
  await page.close();
  return { origin: new URL(url).origin, result, blockedByCors: blocked.length > 0 };
}
