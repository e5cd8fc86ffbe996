// Runs in headless Chromium: a partner's referral and a clinician's work on it, through the DitCloud
// gateway over gRPC-web (@connectrpc/connect-web, the generated clients of contracts/ts) with the
// browser's own CORS. The partner's access tokens are handed in (a partner's back end gets them with
// its private key, which never belongs in a page); the clinician signs in here, at the gateway's
// development sign-in. Each step returns plain JSON, a refusal included ({ error }), for
// gateway-journey.mjs to pass on; none of them asserts anything itself.
import { timestampDate, timestampFromDate } from "@bufbuild/protobuf/wkt";
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import {
  ContactMethod,
  DeliveryMode,
  PresentingProblem,
  ReferralService,
  ReferralStatus,
  RiskLevel,
  ScreeningOutcome,
} from "../../../contracts/ts/gen/dit/referral/v1/referral_pb.js";
import { AttendanceCode, CourseStatus, SchedulingService } from "../../../contracts/ts/gen/dit/scheduling/v1/scheduling_pb.js";
import { MeasurementOccasion, OutcomeStatus, OutcomesService } from "../../../contracts/ts/gen/dit/outcomes/v1/outcomes_pb.js";

type Caller = "partnerA" | "partnerB" | "clinician";

interface Clients {
  referrals: Client<typeof ReferralService>;
  scheduling: Client<typeof SchedulingService>;
  outcomes: Client<typeof OutcomesService>;
}

let gatewayUrl = "";
const tokens: Partial<Record<Caller, string>> = {};
const clients: Partial<Record<Caller, Clients>> = {};

/** One set of clients per caller: the bearer token goes on every call (a non-simple header: CORS preflights it). */
function as(caller: Caller): Clients {
  const existing = clients[caller];
  if (existing) return existing;
  const token = tokens[caller];
  if (!token) throw new Error(`no token for ${caller}: connect() and signIn() first`);
  const bearer: Interceptor = (next) => (request) => {
    request.header.set("authorization", `Bearer ${token}`);
    return next(request);
  };
  const transport = createGrpcWebTransport({ baseUrl: gatewayUrl, useBinaryFormat: true, interceptors: [bearer] });
  return (clients[caller] = {
    referrals: createClient(ReferralService, transport),
    scheduling: createClient(SchedulingService, transport),
    outcomes: createClient(OutcomesService, transport),
  });
}

type Outcome<T> = { ok: T } | { error: { code: string; rawMessage: string; connectError: boolean } };

/** A call's result, or the refusal as the browser decoded it (code by name: "NotFound", "PermissionDenied" ...). */
async function attempt<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: await call() };
  } catch (error) {
    const e = ConnectError.from(error);
    return { error: { code: Code[e.code], rawMessage: e.rawMessage, connectError: error instanceof ConnectError } };
  }
}

/** Repeats a call while the services catch up with each other's events (NOT_FOUND, FAILED_PRECONDITION). */
async function eventually<T>(call: () => Promise<T>, seconds = 30): Promise<T> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const e = ConnectError.from(error);
      if (![Code.NotFound, Code.FailedPrecondition].includes(e.code) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

const journey = {
  connect(gateway: string, partnerA: string, partnerB: string) {
    gatewayUrl = gateway;
    tokens.partnerA = partnerA;
    tokens.partnerB = partnerB;
  },

  /** The gateway's development sign-in, called from the page (a JSON POST: CORS preflights it too). */
  async signIn(userId: string, role: string) {
    const response = await fetch(`${gatewayUrl}/dev/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id: userId, roles: [role] }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`sign-in answered ${response.status}: ${JSON.stringify(body)}`);
    tokens.clinician = body.access_token;
    return { status: response.status, scope: body.scope as string };
  },

  submit: () =>
    attempt(async () => {
      const { referral } = await as("partnerA").referrals.submitReferral({
        partnerReferralId: `WEB-${crypto.randomUUID()}`.slice(0, 30),
        ubrn: "0000 1111 2222",
        referringOdsCode: "A81001",
        patient: {
          nhsNumber: "9434765919",
          givenName: "Test",
          familyName: "Patient",
          dateOfBirth: "1988-07-14",
          postcode: "LS1 4AP",
          contact: { preferredMethod: ContactMethod.TELEPHONE, telephone: "07700 900456", mayLeaveMessages: true },
        },
        presentingProblems: [PresentingProblem.DEPRESSION],
        reasonForReferral: "Low mood since a relationship ended",
        phq9Total: 16,
        gad7Total: 9,
        risk: { level: RiskLevel.LOW },
        consent: { toTreatment: true, toContact: true },
        preferredDeliveryMode: DeliveryMode.VIDEO,
      });
      return {
        referralId: referral!.referralId,
        partnerId: referral!.partnerId,
        status: ReferralStatus[referral!.status],
        hasPatientReference: referral!.patientReference.length > 0,
      };
    }),

  referral: (caller: Caller, referralId: string) =>
    attempt(async () => {
      const { referral } = await as(caller).referrals.getReferral({ referralId });
      return { status: ReferralStatus[referral!.status], etag: referral!.etag };
    }),

  screenSuitable: (caller: Caller, referralId: string, etag: string) =>
    attempt(async () => {
      const { referral } = await as(caller).referrals.screenReferral({ referralId, etag, decision: { outcome: ScreeningOutcome.SUITABLE } });
      return { status: ReferralStatus[referral!.status] };
    }),

  accept: (referralId: string) =>
    attempt(async () => {
      const { referral } = await as("clinician").referrals.acceptReferral({ referralId });
      return { status: ReferralStatus[referral!.status] };
    }),

  /** The course scheduling makes from the accepted referral: NOT_FOUND until it has taken the event. */
  course: (caller: Caller, referralId: string, wait: boolean) =>
    attempt(async () => {
      const read = () => as(caller).scheduling.getCourse({ lookup: { case: "referralId", value: referralId } });
      const { course } = wait ? await eventually(read) : await read();
      return { courseId: course!.courseId, practitionerId: course!.practitionerId, status: CourseStatus[course!.status] };
    }),

  /** The practitioner books the course's first free slot from an hour on. */
  bookFirstSlot: (courseId: string, practitionerId: string) =>
    attempt(async () => {
      const scheduling = as("clinician").scheduling;
      const now = Date.now();
      const { slots } = await scheduling.findSlots({
        courseId,
        earliestStart: timestampFromDate(new Date(now + 3600_000)),
        latestStart: timestampFromDate(new Date(now + 7 * 86400_000)),
        maxResults: 1,
      });
      if (slots.length === 0) throw new Error("no free slot in the coming week");
      const { appointment } = await scheduling.bookAppointment({
        requestId: crypto.randomUUID(),
        courseId,
        practitionerId,
        startTime: slots[0].startTime,
      });
      return {
        appointmentId: appointment!.appointmentId,
        sessionNumber: appointment!.sessionNumber,
        start: timestampDate(appointment!.startTime!).toISOString(),
      };
    }),

  attend: (appointmentId: string) =>
    attempt(async () => {
      const { course } = await as("clinician").scheduling.recordAttendance({ appointmentId, attendanceCode: AttendanceCode.ATTENDED });
      return { courseStatus: CourseStatus[course!.status], sessionsAttended: course!.sessionsAttended };
    }),

  /**
   * PHQ-9 (total 14) and GAD-7 (total 9) taken at session 1, 45 minutes in. Outcomes learns of the
   * attended session from scheduling's event: FAILED_PRECONDITION until then, so the same
   * request_id is sent again.
   */
  recordSessionMeasures: (courseId: string, sessionStart: string) =>
    attempt(async () => {
      const request = {
        requestId: crypto.randomUUID(),
        courseId,
        occasion: MeasurementOccasion.SESSION,
        sessionNumber: 1,
        measureTime: timestampFromDate(new Date(Date.parse(sessionStart) + 45 * 60_000)),
        phq9: { items: [2, 2, 2, 2, 2, 2, 1, 1, 0] },
        gad7: { items: [2, 2, 2, 1, 1, 1, 0] },
      };
      const { measureSet, riskFlags } = await eventually(() => as("clinician").outcomes.recordMeasures(request));
      return {
        phq9Total: measureSet!.scores!.phq9Total,
        gad7Total: measureSet!.scores!.gad7Total,
        caseness: measureSet!.scores!.caseness,
        riskFlags: riskFlags.length,
      };
    }),

  courseOutcome: (caller: Caller, courseId: string) =>
    attempt(async () => {
      const { outcome } = await as(caller).outcomes.getCourseOutcome({ courseId });
      return {
        status: OutcomeStatus[outcome!.status],
        measureCount: outcome!.measureCount,
        firstPhq9: outcome!.first?.phq9Total,
        firstGad7: outcome!.first?.gad7Total,
        sessionsAttended: outcome!.sessionsAttended,
        practitionerId: outcome!.practitionerId,
      };
    }),

  trajectory: (caller: Caller, courseId: string) =>
    attempt(async () => {
      const { points } = await as(caller).outcomes.getTrajectory({ courseId });
      return points.map((p) => ({ sessionNumber: p.sessionNumber, phq9Total: p.scores?.phq9Total, gad7Total: p.scores?.gad7Total }));
    }),
};

(globalThis as unknown as { journey: typeof journey }).journey = journey;
