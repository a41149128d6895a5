import net from 'node:net';

/** The EICAR anti-virus test string, put together here so this file itself is not flagged. */
export const eicar = ['X5O!P%@AP[4', '\\PZX54(P^)7CC)7}$', 'EICAR-STANDARD-', 'ANTIVIRUS-TEST-FILE!$H+H*'].join('');

/**
 * How the stand-in treats the next connections: answer like clamd, accept and never answer,
 * drop the connection at once, or answer with clamd's error for a stream over its size limit.
 */
export type ClamdBehaviour = 'answer' | 'hang' | 'drop' | 'error';

/** One INSTREAM the stand-in read to the end. */
export interface ClamdScan {
  command: string;
  bytes: number;
  chunks: number;
  answer: string;
}

/**
 * A stand-in for ClamAV's daemon on 127.0.0.1: a real TCP server that speaks INSTREAM (the
 * command ended by NUL or newline, then chunks each after its 4-byte big-endian length, then a
 * zero length) and answers `stream: Eicar-Test-Signature FOUND` when the bytes hold the EICAR
 * test string, `stream: OK` otherwise. Each answer ends as the command did (NUL for `z…`).
 */
export async function startClamdStandIn(options: { streamMaxLength?: number } = {}) {
  const streamMaxLength = options.streamMaxLength ?? 64 * 1024 * 1024;
  const sockets = new Set<net.Socket>();
  const scans: ClamdScan[] = [];
  let behaviour: ClamdBehaviour = 'answer';
  let connections = 0;
  let waiters: (() => void)[] = [];
  const changed = () => {
    const due = waiters;
    waiters = [];
    for (const wake of due) wake();
  };

  const server = net.createServer((socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      changed();
    });
    socket.on('error', () => undefined);
    changed();
    if (behaviour === 'drop') {
      socket.destroy();
      return;
    }
    const mode = behaviour;
    let buffered = Buffer.alloc(0);
    let command: string | undefined;
    let terminator = '\0';
    let received: Buffer[] = [];
    let bytes = 0;
    let chunks = 0;
    const reply = (text: string) => socket.end(`${text}${terminator}`);

    socket.on('data', (data: Buffer) => {
      buffered = Buffer.concat([buffered, data]);
      if (command === undefined) {
        const end = buffered.findIndex((byte) => byte === 0 || byte === 0x0a);
        if (end === -1) return;
        const raw = buffered.subarray(0, end).toString('latin1');
        buffered = buffered.subarray(end + 1);
        terminator = raw.startsWith('n') ? '\n' : '\0';
        command = raw.replace(/^[zn]/, '');
        if (command === 'PING') return reply('PONG');
        if (command !== 'INSTREAM') return reply('UNKNOWN COMMAND');
      }
      while (buffered.length >= 4) {
        const length = buffered.readUInt32BE(0);
        if (length === 0) {
          buffered = buffered.subarray(4);
          const content = Buffer.concat(received);
          received = [];
          if (mode === 'hang') return;
          const answer =
            mode === 'error' ? "stream: Can't allocate memory ERROR" : content.includes(eicar) ? 'stream: Eicar-Test-Signature FOUND' : 'stream: OK';
          scans.push({ command, bytes, chunks, answer });
          changed();
          return reply(answer);
        }
        if (buffered.length < 4 + length) return;
        chunks += 1;
        bytes += length;
        received.push(buffered.subarray(4, 4 + length));
        buffered = buffered.subarray(4 + length);
        // As clamd does: past StreamMaxLength it answers at once and closes, whatever is still coming.
        if (bytes > streamMaxLength) return reply('INSTREAM size limit exceeded. ERROR');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    /** The SCANNER value that points at this stand-in. */
    url: `clamd://127.0.0.1:${port}`,
    scans,
    /** Connections accepted so far. */
    get connections() {
      return connections;
    },
    /** Connections still open. */
    get open() {
      return sockets.size;
    },
    /** How connections accepted from now on are treated. */
    behave(next: ClamdBehaviour) {
      behaviour = next;
    },
    /** Resolves once `condition` holds, checked after each connection, scan and close. */
    async until(condition: () => boolean): Promise<void> {
      while (!condition()) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ClamdStandIn = Awaited<ReturnType<typeof startClamdStandIn>>;
