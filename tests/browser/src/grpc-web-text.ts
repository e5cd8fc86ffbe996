// TEST HARNESS ONLY: gRPC-web-text for @connectrpc/connect-web, which speaks only binary gRPC-web.
//
// No maintained npm gRPC-web client speaks the text mode with connect's generated code (Google's
// grpc-web needs a native protoc plugin; @improbable-eng/grpc-web is archived), so this wraps the
// fetch that createGrpcWebTransport calls: the request that connect-web built (binary frames) is
// sent as application/grpc-web-text, base64-encoded, and the base64 response body is decoded back
// into binary frames as it streams in, before connect-web reads the frames and the trailers. The
// server does all its own framing; this only changes the transfer encoding, as the gRPC-web spec
// (PROTOCOL-WEB.md, "application/grpc-web-text") describes it. Each exchange's raw content types are
// recorded so the test can prove the wire really was text.

export interface TextExchange {
  requestContentType: string | null;
  responseContentType: string | null;
}

const base64Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const base64Values = new Int16Array(128).fill(-1);
for (let i = 0; i < base64Alphabet.length; i++) base64Values[base64Alphabet.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
  return btoa(binary);
}

// The server may base64-encode each write on its own, so padding ('=') can appear in the middle of
// the body. Every encoded write is a whole number of 4-character groups, so decoding group by group
// (each group independently, honouring its own padding) is exact for any such concatenation.
function base64GroupsDecoder(): TransformStream<Uint8Array, Uint8Array> {
  let pending: number[] = [];
  return new TransformStream({
    transform(chunk, controller) {
      const out: number[] = [];
      for (const c of chunk) {
        if (c === 0x0d || c === 0x0a || c === 0x20) continue; // tolerate whitespace
        pending.push(c);
        if (pending.length < 4) continue;
        const [a, b, c2, d] = pending.map((x) => (x === 0x3d ? -2 : base64Values[x] ?? -1));
        pending = [];
        if (a < 0 || b < 0 || c2 === -1 || d === -1 || (c2 === -2 && d !== -2)) {
          controller.error(new Error("grpc-web-text: response body is not base64"));
          return;
        }
        out.push((a << 2) | (b >> 4));
        if (c2 >= 0) out.push(((b & 0x0f) << 4) | (c2 >> 2));
        if (c2 >= 0 && d >= 0) out.push(((c2 & 0x03) << 6) | d);
      }
      if (out.length) controller.enqueue(new Uint8Array(out));
    },
    flush(controller) {
      if (pending.length) controller.error(new Error("grpc-web-text: response body ends inside a base64 group"));
    },
  });
}

/** A fetch for createGrpcWebTransport({ fetch }) that puts gRPC-web-text on the wire. */
export function grpcWebTextFetch(exchanges: TextExchange[]): typeof fetch {
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    // grpc-dotnet answers in text only when both say so.
    headers.set("content-type", "application/grpc-web-text");
    headers.set("accept", "application/grpc-web-text");
    const body = init?.body;
    if (!(body instanceof Uint8Array)) throw new Error("grpc-web-text: expected the binary request body connect-web builds");
    const response = await fetch(input, { ...init, headers, body: toBase64(body) });
    const exchange: TextExchange = {
      requestContentType: headers.get("content-type"),
      responseContentType: response.headers.get("content-type"),
    };
    exchanges.push(exchange);
    if (!response.body) return response;
    // connect-web reads status and headers from the Response, frames and trailers from its body.
    return new Response(response.body.pipeThrough(base64GroupsDecoder()), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
