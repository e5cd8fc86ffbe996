// Loads the echo contract from contracts/, the one place protos live.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

export const contractsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../contracts');

export function loadEcho() {
  const definition = protoLoader.loadSync('dit/testing/v1/echo.proto', { includeDirs: [contractsDir], keepCase: false, longs: String, defaults: true });
  return grpc.loadPackageDefinition(definition).dit.testing.v1;
}
