import net from 'node:net';

/** A port nobody listens on now: a spec's own server must not take another's (or the e2e server's, whatever E2E_PORT is). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
