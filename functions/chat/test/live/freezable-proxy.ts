import { connect, createServer, type Socket } from 'node:net';

/**
 * A test helper: a TCP proxy on loopback to `target` whose open connections can be frozen — they stay
 * open but pass nothing either way, like a half-open connection behind a dropped NAT entry. Connections
 * made after a freeze pass normally.
 */
export async function startFreezableProxy(target: { host: string; port: number }) {
  const pairs: [Socket, Socket][] = [];
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    client.pipe(upstream);
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    pairs.push([client, upstream]);
    sockets.add(client).add(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    /** Stops every open connection passing data, without closing it. */
    freeze() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
