// @grpc/grpc-js, an independent gRPC implementation, as a client of our server with every default on.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import grpc from '@grpc/grpc-js';
import protobuf from 'protobufjs';
import { loadEcho } from './echo-proto.mjs';
import { startTestApi } from './test-api.mjs';

const { EchoService } = loadEcho();
let api;
let client;

// google.rpc.Status and google.rpc.BadRequest, declared from their public definitions' field numbers.
const rpc = protobuf.Root.fromJSON({
  nested: {
    google: { nested: { protobuf: { nested: { Any: { fields: { type_url: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } } } },
      rpc: { nested: {
        Status: { fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 }, details: { rule: 'repeated', type: 'google.protobuf.Any', id: 3 } } },
        BadRequest: { fields: { field_violations: { rule: 'repeated', type: 'FieldViolation', id: 1 } },
          nested: { FieldViolation: { fields: { field: { type: 'string', id: 1 }, description: { type: 'string', id: 2 } } } } },
      } } } },
  },
});

const call = (method, request, { metadata = new grpc.Metadata(), deadlineMs = 10_000, target = client } = {}) =>
  new Promise((resolve, reject) => {
    const c = target[method](request, metadata, { deadline: Date.now() + deadlineMs }, (error, response) => (error ? reject(error) : resolve({ response, call: c })));
    c.on('status', (status) => { c.trailers = status.metadata; });
  });

const payload = (message, extra = {}) => ({ payload: { message, ...extra } });

before(async () => {
  api = await startTestApi();
  client = new EchoService(api.address, grpc.credentials.createInsecure());
});

after(async () => {
  client?.close();
  await api?.stop();
});

describe('grpc-js client against the DitCloud gRPC defaults', () => {
  test('unary with text and binary metadata', async () => {
    const metadata = new grpc.Metadata();
    metadata.set('echo-trust', 'nhs-trust-a');
    metadata.set('echo-token-bin', Buffer.from([0, 1, 2, 255]));
    const { response, call: c } = await call('echo', payload('héllo ☀'), { metadata });
    assert.equal(response.message, 'héllo ☀');
    assert.equal(response.echoedMetadata['echo-trust'], 'nhs-trust-a');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(c.trailers.get('echo-token-bin')[0], Buffer.from([0, 1, 2, 255]));
  });

  test('server streaming', async () => {
    const stream = client.echoServerStream({ ...payload('tick'), replyCount: 4 });
    const sequences = [];
    for await (const reply of stream) sequences.push(reply.sequence);
    assert.deepEqual(sequences, [1, 2, 3, 4]);
  });

  test('client streaming', async () => {
    const result = await new Promise((resolve, reject) => {
      const stream = client.echoClientStream((error, response) => (error ? reject(error) : resolve(response)));
      for (const word of ['one', 'two', 'three']) stream.write(payload(word));
      stream.end();
    });
    assert.equal(result.message, 'one two three');
    assert.equal(result.count, 3);
  });

  test('bidirectional streaming', async () => {
    const stream = client.echoBidiStream();
    const replies = [];
    stream.on('data', (reply) => replies.push(reply.message));
    const ended = new Promise((resolve, reject) => { stream.on('end', resolve); stream.on('error', reject); });
    for (const word of ['a', 'b', 'c']) stream.write(payload(word));
    stream.end();
    await ended;
    assert.deepEqual(replies, ['a', 'b', 'c']);
  });

  test('a deadline is enforced', async () => {
    await assert.rejects(call('echo', payload('slow', { delayMs: 3000 }), { deadlineMs: 300 }), { code: grpc.status.DEADLINE_EXCEEDED });
  });

  test('cancellation ends a stream', async () => {
    const stream = client.echoServerStream({ ...payload('tick'), replyCount: 100, replyIntervalMs: 50 });
    const error = await new Promise((resolve) => {
      stream.on('data', () => stream.cancel());
      stream.on('error', resolve);
    });
    assert.equal(error.code, grpc.status.CANCELLED);
  });

  for (let code = 1; code <= 16; code++) {
    test(`status ${code} with a unicode message reaches the client`, async () => {
      await assert.rejects(call('echo', payload('fail', { failWithCode: code, failMessage: 'ünïcødé ✓ 名前' })), (error) => {
        assert.equal(error.code, code);
        assert.equal(error.details, 'ünïcødé ✓ 名前');
        return true;
      });
    });
  }

  test('INVALID_ARGUMENT carries google.rpc.BadRequest details', async () => {
    await assert.rejects(call('echo', payload('')), (error) => {
      assert.equal(error.code, grpc.status.INVALID_ARGUMENT);
      const status = rpc.lookupType('google.rpc.Status').decode(error.metadata.get('grpc-status-details-bin')[0]);
      assert.equal(status.code, grpc.status.INVALID_ARGUMENT);
      assert.equal(status.details[0].type_url, 'type.googleapis.com/google.rpc.BadRequest');
      const badRequest = rpc.lookupType('google.rpc.BadRequest').decode(status.details[0].value);
      assert.deepEqual(badRequest.field_violations.map((v) => v.field), ['payload.message']);
      return true;
    });
  });

  test('a message over the limit is RESOURCE_EXHAUSTED', async () => {
    await assert.rejects(call('echo', payload('big', { padding: Buffer.alloc(5 * 1024 * 1024) })), { code: grpc.status.RESOURCE_EXHAUSTED });
  });

  test('gzip-compressed calls work', async () => {
    const gzipClient = new EchoService(api.address, grpc.credentials.createInsecure(), { 'grpc.default_compression_algorithm': 2 });
    try {
      const { response } = await call('echo', payload('squeezed', { padding: Buffer.alloc(20_000) }), { target: gzipClient });
      assert.equal(response.message, 'squeezed');
    } finally {
      gzipClient.close();
    }
  });
});
