// Starts the .NET echo API (tests/TestApi, built by `./dit test`) on free loopback ports.
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function accepts(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export async function startTestApi() {
  const grpcPort = await freePort();
  const httpPort = await freePort();
  const dll = path.join(root, 'tests/TestApi/bin/Debug/net10.0/DitCloud.TestApi.dll');
  const child = spawn('dotnet', [dll], {
    env: {
      ...process.env,
      Kestrel__Endpoints__grpc__Url: `http://127.0.0.1:${grpcPort}`,
      Kestrel__Endpoints__grpc__Protocols: 'Http2',
      Kestrel__Endpoints__http__Url: `http://127.0.0.1:${httpPort}`,
      Kestrel__Endpoints__http__Protocols: 'Http1',
      Logging__LogLevel__Default: 'Warning',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  for (let i = 0; i < 300 && !(await accepts(grpcPort)); i++) {
    if (child.exitCode !== null) throw new Error(`the test API exited with code ${child.exitCode}; build it with ./dit test`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    address: `127.0.0.1:${grpcPort}`,
    stop: () => new Promise((resolve) => { child.once('exit', resolve); child.kill('SIGTERM'); }),
  };
}
