// The echo API served by @grpc/grpc-js: the peer in the gRPC benchmark and the server our typed
// client is tested against. Usage: node echo-server.mjs PORT
import grpc from '@grpc/grpc-js';
import { loadEcho } from './echo-proto.mjs';

const { EchoService } = loadEcho();
const port = Number(process.argv[2] ?? 0);

function fail(payload) {
  if (!payload || !payload.failWithCode) return null;
  return { code: payload.failWithCode, details: payload.failMessage };
}

const server = new grpc.Server();
server.addService(EchoService.service, {
  echo(call, callback) {
    const error = fail(call.request.payload);
    if (error) return callback(error);
    callback(null, { message: call.request.payload?.message ?? '' });
  },
  echoServerStream(call) {
    for (let i = 1; i <= call.request.replyCount; i++) call.write({ message: call.request.payload.message, sequence: i });
    call.end();
  },
  echoClientStream(call, callback) {
    const messages = [];
    call.on('data', (request) => messages.push(request.payload.message));
    call.on('end', () => callback(null, { message: messages.join(' '), count: messages.length }));
  },
  echoBidiStream(call) {
    call.on('data', (request) => call.write({ message: request.payload.message }));
    call.on('end', () => call.end());
  },
});

server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => {
  if (error) {
    console.error(error.message);
    process.exit(1);
  }
  console.log(`listening ${bound}`);
});
process.on('SIGTERM', () => server.tryShutdown(() => process.exit(0)));
