import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { contractsDir, repoRoot, run } from './setup.mjs';

const eventsDir = join(contractsDir, 'events');

function records() {
  const found = new Map();
  for (const file of readdirSync(eventsDir).filter((name) => name.endsWith('.cs'))) {
    const source = readFileSync(join(eventsDir, file), 'utf8');
    assert.match(source, /^namespace DitCloud\.Contracts\.Events\.V1;/m, `${file} namespace`);
    for (const match of source.matchAll(/public sealed record (\w+)\(([^)]*)\)\s*:\s*IIntegrationEvent;/g)) {
      const parameters = match[2].split(',').map((parameter) => parameter.trim().split(/\s+/));
      found.set(match[1], parameters.map(([type, name]) => ({ type, name })));
    }
  }
  return found;
}

test('every integration event exists, carries EventId and OccurredAt, and is an IIntegrationEvent', () => {
  const events = records();
  const expected = [
    'ReferralReceived', 'ReferralAccepted', 'ReferralDeclined', 'ReferralWithdrawn', 'CourseCreated', 'PractitionerAssigned',
    'AppointmentBooked', 'AppointmentCancelled', 'SessionAttended', 'SessionMissed', 'CourseCompleted',
    'DischargeReviewNeeded', 'FormulationAgreed', 'FormulationRevised', 'GoodbyeLetterIssued',
    'FormulationOverdue', 'MeasuresRecorded', 'RiskFlagRaised',
  ];
  assert.deepEqual([...events.keys()].sort(), [...expected].sort());
  for (const [name, parameters] of events) {
    assert.deepEqual(parameters.slice(0, 2), [
      { type: 'Guid', name: 'EventId' },
      { type: 'DateTimeOffset', name: 'OccurredAt' },
    ], name);
  }
  const accepted = Object.fromEntries(events.get('ReferralAccepted').map(({ type, name }) => [name, type]));
  for (const name of ['ReferralId', 'PartnerId', 'PatientReference', 'ReceivedAt', 'AcceptedAt', 'PreferredDeliveryMode']) {
    assert.ok(accepted[name], `ReferralAccepted carries ${name}`);
  }
});

test('events carry ids and codes only: no personal data or free text', () => {
  const personal = /nhs|name|birth|dob|postcode|address|email|phone|mobile|note|text|summary|content|comment|score|total|item/i;
  const allowedTypes = /^(Guid\??|DateTimeOffset\??|TimeSpan|int|bool|string\??|[A-Z]\w+\??)$/;
  for (const [event, parameters] of records()) {
    for (const { type, name } of parameters) {
      assert.doesNotMatch(name, personal, `${event}.${name} looks like personal data`);
      assert.match(type, allowedTypes, `${event}.${name} has type ${type}`);
      if (type.startsWith('string')) assert.match(name, /Id$/, `${event}.${name}: the only strings are ids`);
    }
  }
});

test('the events project builds with dotnet', () => {
  const result = run('dotnet', ['build', join('contracts', 'events'), '--nologo', '-v', 'q'], { cwd: repoRoot });
  assert.equal(result.status, 0, result.output);
});
