// Runs in headless Chromium: the generated EchoService client (contracts/ts, protoc-gen-es) with
// @connectrpc/connect-web's gRPC-web transport, in binary mode and, through the harness's fetch
// wrapper (grpc-web-text.ts), in text mode. Each function returns plain JSON for the node test to
// assert on; none of them asserts anything itself.
import { ConnectError, createClient, type Client } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { EchoService } from "../../../contracts/ts/gen/dit/testing/v1/echo_pb.js";
import { BadRequestSchema } from "./bad-request.js";
import { grpcWebTextFetch, type TextExchange } from "./grpc-web-text.js";

type Mode = "binary" | "text";

const textExchanges: TextExchange[] = [];
let clients: Record<Mode, Client<typeof EchoService>> | undefined;

function client(mode: Mode): Client<typeof EchoService> {
  if (!clients) throw new Error("call dit.connect(baseUrl) first");
  return clients[mode];
}

function describeError(error: unknown) {
  const e = ConnectError.from(error);
  const violations = e.findDetails(BadRequestSchema).flatMap((detail) =>
    // A DescMessage found at run time gives an untyped message; read the declared fields.
    ((detail as unknown as { fieldViolations: { field: string; description: string }[] }).fieldViolations).map(
      (v) => ({ field: v.field, description: v.description }),
    ),
  );
  return { code: e.code, rawMessage: e.rawMessage, violations };
}

const dit = {
  connect(baseUrl: string) {
    clients = {
      binary: createClient(EchoService, createGrpcWebTransport({ baseUrl, useBinaryFormat: true })),
      text: createClient(EchoService, createGrpcWebTransport({ baseUrl, useBinaryFormat: true, fetch: grpcWebTextFetch(textExchanges) })),
    };
  },

  textExchanges: () => textExchanges.map((x) => ({ ...x })),

  async unary(mode: Mode, message: string) {
    const response = await client(mode).echo({ payload: { message } }, { headers: { "echo-from": "chromium" } });
    return { message: response.message, echoedMetadata: { ...response.echoedMetadata } };
  },

  async serverStream(mode: Mode, message: string, replyCount: number, replyIntervalMs: number) {
    const replies: { message: string; sequence: number; atMs: number }[] = [];
    const start = performance.now();
    for await (const reply of client(mode).echoServerStream({ payload: { message }, replyCount, replyIntervalMs })) {
      replies.push({ message: reply.message, sequence: reply.sequence, atMs: Math.round(performance.now() - start) });
    }
    return replies;
  },

  /** Calls Echo with the given payload and expects it to fail; returns the error decoded. */
  async failingUnary(mode: Mode, payload: { message?: string; failWithCode?: number; failMessage?: string; nhsNumber?: string }) {
    try {
      const response = await client(mode).echo({ payload });
      return { unexpectedSuccess: response.message };
    } catch (error) {
      return describeError(error);
    }
  },
};

(globalThis as unknown as { dit: typeof dit }).dit = dit;
