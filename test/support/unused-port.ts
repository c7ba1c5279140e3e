import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on (taken from the OS, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
