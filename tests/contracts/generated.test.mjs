import assert from 'node:assert/strict';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  contractsDir, copyContracts, ensureContractsInstalled, importFromContracts, removeCopy, runScript,
} from './setup.mjs';

const copies = [];
const fresh = () => {
  const copy = copyContracts();
  copies.push(copy);
  return copy;
};

before(() => ensureContractsInstalled());
after(() => copies.forEach(removeCopy));

test('the checked-in TypeScript matches the protos', () => {
  const result = runScript(contractsDir, 'generate.mjs', ['--check']);
  assert.equal(result.status, 0, result.output);
});

test('the stale check fails when a generated file was edited by hand', () => {
  const copy = fresh();
  appendFileSync(join(copy, 'ts', 'gen', 'dit', 'referral', 'v1', 'referral_pb.js'), '\n// edited by hand\n');
  const result = runScript(copy, 'generate.mjs', ['--check']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /changed: dit\/referral\/v1\/referral_pb\.js/);
});

test('the stale check fails when a proto changed without regenerating', () => {
  const copy = fresh();
  const proto = join(copy, 'dit', 'testing', 'v1', 'echo.proto');
  writeFileSync(proto, `${readFileSync(proto, 'utf8')}\n// A message added without regenerating.\nmessage Unregenerated {\n  // A field.\n  string text = 1;\n}\n`);
  const result = runScript(copy, 'generate.mjs', ['--check']);
  assert.equal(result.status, 1, result.output);
  assert.match(result.output, /changed: dit\/testing\/v1\/echo_pb\.(js|d\.ts)/);
});

test('the stale check fails on a leftover generated file, and generate fixes it', () => {
  const copy = fresh();
  writeFileSync(join(copy, 'ts', 'gen', 'dit', 'referral', 'v1', 'removed_pb.js'), 'export {};\n');
  const stale = runScript(copy, 'generate.mjs', ['--check']);
  assert.equal(stale.status, 1, stale.output);
  assert.match(stale.output, /extra: +dit\/referral\/v1\/removed_pb\.js/);
  assert.equal(runScript(copy, 'generate.mjs').status, 0);
  const fixed = runScript(copy, 'generate.mjs', ['--check']);
  assert.equal(fixed.status, 0, fixed.output);
});

test('the README usage example type-checks against the generated code', () => {
  const result = runScript(contractsDir, 'typecheck-example.mjs');
  assert.equal(result.status, 0, result.output);
});

test('the generated services expose every rpc with its streaming kind', async () => {
  const expected = {
    'dit/referral/v1/referral_pb': ['ReferralService', {
      submitReferral: 'unary', getReferral: 'unary', listReferrals: 'unary', screenReferral: 'unary',
      acceptReferral: 'unary', declineReferral: 'unary', withdrawReferral: 'unary', watchReferrals: 'server_streaming',
    }],
    'dit/scheduling/v1/scheduling_pb': ['SchedulingService', {
      registerPractitioner: 'unary', updatePractitioner: 'unary', getPractitioner: 'unary', listPractitioners: 'unary',
      setWeeklyAvailability: 'unary', addTimeOff: 'unary', findSlots: 'unary', bookAppointment: 'unary',
      rescheduleAppointment: 'unary', cancelAppointment: 'unary', recordAttendance: 'unary', getCourse: 'unary',
      listAppointments: 'unary', endCourse: 'unary', watchDiary: 'server_streaming',
    }],
    'dit/formulation/v1/formulation_pb': ['FormulationService', {
      getInterpersonalInventory: 'unary', addInventoryRelationship: 'unary', updateInventoryRelationship: 'unary',
      listInventoryRelationshipRevisions: 'unary',
      saveIpafDraft: 'unary', getIpaf: 'unary', listIpafVersions: 'unary', shareIpaf: 'unary', agreeIpaf: 'unary',
      reviseIpaf: 'unary', writeSessionNote: 'unary', getSessionNote: 'unary', listSessionNotes: 'unary',
      signSessionNote: 'unary', addSessionNoteAddendum: 'unary', saveGoodbyeLetterDraft: 'unary',
      getGoodbyeLetter: 'unary', issueGoodbyeLetter: 'unary', watchFormulation: 'server_streaming',
    }],
    'dit/outcomes/v1/outcomes_pb': ['OutcomesService', {
      recordMeasures: 'unary', getCourseOutcome: 'unary', listRiskFlags: 'unary', acknowledgeRiskFlag: 'unary',
      getTrajectory: 'unary', getKpis: 'unary', watchKpis: 'server_streaming',
      amendMeasures: 'unary', getMeasureSetHistory: 'unary', listMeasureGaps: 'unary',
    }],
    'dit/testing/v1/echo_pb': ['EchoService', {
      echo: 'unary', echoServerStream: 'server_streaming', echoClientStream: 'client_streaming',
      echoBidiStream: 'bidi_streaming',
    }],
  };
  for (const [module, [serviceName, methods]] of Object.entries(expected)) {
    const generated = await importFromContracts(`@ditcloud/contracts/${module}`);
    const service = generated[serviceName];
    assert.ok(service, `${module} exports ${serviceName}`);
    const actual = Object.fromEntries(Object.entries(service.method).map(([name, method]) => [name, method.methodKind]));
    assert.deepEqual(actual, methods, serviceName);
  }
});

test('generated messages round-trip through the binary and JSON formats', async () => {
  const { create, toBinary, fromBinary, toJson } = await importFromContracts('@bufbuild/protobuf');
  const { RecordAttendanceRequestSchema, AttendanceCode } = await importFromContracts('@ditcloud/contracts/dit/scheduling/v1/scheduling_pb');
  const request = create(RecordAttendanceRequestSchema, {
    appointmentId: '6f1c1f9e-3b1a-4c55-9a57-2f0a4d0f8c11',
    attendanceCode: AttendanceCode.ARRIVED_LATE_SEEN,
  });
  const decoded = fromBinary(RecordAttendanceRequestSchema, toBinary(RecordAttendanceRequestSchema, request));
  assert.equal(decoded.attendanceCode, 6, 'enum numbers are the NHS attendance codes');
  assert.equal(decoded.appointmentId, request.appointmentId);
  assert.deepEqual(toJson(RecordAttendanceRequestSchema, decoded), {
    appointmentId: request.appointmentId,
    attendanceCode: 'ATTENDANCE_CODE_ARRIVED_LATE_SEEN',
  });
});
