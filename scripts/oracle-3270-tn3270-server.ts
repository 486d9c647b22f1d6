// A tiny TN3270 (RFC 1576, plain, not TN3270E) server for the s3270 oracle: it negotiates
// TERMINAL-TYPE, BINARY and EOR, sends the given outbound records (each ending IAC EOR, with 0xFF
// doubled), and collects the inbound records the client sends back.
import { createServer, type Server, type Socket } from 'node:net';

const IAC = 255;
const DONT = 254;
const DO = 253;
const WONT = 252;
const WILL = 251;
const SB = 250;
const SE = 240;
const EOR = 239;
const BINARY = 0;
const TTYPE = 24;
const EOR_OPTION = 25;

export interface Tn3270Session {
  /** The terminal type the client announced, e.g. IBM-3279-2-E. */
  terminalType: string;
  /** Sends one outbound record (command byte first). */
  send(record: Uint8Array): void;
  /** Resolves with the next inbound record from the client. */
  nextInbound(): Promise<Uint8Array>;
  close(): void;
}

function frame(record: Uint8Array): Buffer {
  const out: number[] = [];
  for (const byte of record) {
    out.push(byte);
    if (byte === IAC) out.push(IAC);
  }
  out.push(IAC, EOR);
  return Buffer.from(out);
}

/** Listens on 127.0.0.1 (an ephemeral port); `onSession` gets each client once it is in 3270 mode. */
export function startTn3270Server(
  onSession: (session: Tn3270Session) => void,
): Promise<{ server: Server; port: number }> {
  return new Promise((resolve) => {
    const server = createServer((socket) => handle(socket, onSession));
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('no port');
      resolve({ server, port: address.port });
    });
  });
}

function handle(socket: Socket, onSession: (session: Tn3270Session) => void): void {
  const agreed = new Set<string>();
  let terminalType = '';
  let started = false;
  let record: number[] = [];
  const inbound: Uint8Array[] = [];
  const waiters: ((r: Uint8Array) => void)[] = [];
  const session: Tn3270Session = {
    get terminalType() {
      return terminalType;
    },
    send: (r) => socket.write(frame(r)),
    nextInbound: () =>
      new Promise((resolve) => {
        const r = inbound.shift();
        if (r) resolve(r);
        else waiters.push(resolve);
      }),
    close: () => socket.end(),
  };
  const maybeStart = (): void => {
    if (started) return;
    for (const need of ['will-binary', 'do-binary', 'will-eor', 'do-eor']) if (!agreed.has(need)) return;
    started = true;
    onSession(session);
  };

  socket.write(Buffer.from([IAC, DO, TTYPE]));
  let state: 'data' | 'iac' | 'option' | 'sb' | 'sb-iac' = 'data';
  let verb = 0;
  let sub: number[] = [];
  socket.on('data', (chunk: Buffer) => {
    for (const byte of chunk) {
      switch (state) {
        case 'data':
          if (byte === IAC) state = 'iac';
          else record.push(byte);
          break;
        case 'iac':
          if (byte === IAC) {
            record.push(IAC);
            state = 'data';
          } else if (byte === EOR) {
            const done = Uint8Array.from(record);
            record = [];
            const waiter = waiters.shift();
            if (waiter) waiter(done);
            else inbound.push(done);
            state = 'data';
          } else if (byte === SB) {
            sub = [];
            state = 'sb';
          } else if (byte === DO || byte === DONT || byte === WILL || byte === WONT) {
            verb = byte;
            state = 'option';
          } else {
            state = 'data';
          }
          break;
        case 'option':
          reply(verb, byte);
          state = 'data';
          break;
        case 'sb':
          if (byte === IAC) state = 'sb-iac';
          else sub.push(byte);
          break;
        case 'sb-iac':
          if (byte === SE) {
            if (sub[0] === TTYPE && sub[1] === 0) {
              terminalType = String.fromCharCode(...sub.slice(2));
              socket.write(
                Buffer.from([IAC, DO, EOR_OPTION, IAC, WILL, EOR_OPTION, IAC, DO, BINARY, IAC, WILL, BINARY]),
              );
            }
            state = 'data';
          } else {
            sub.push(byte);
            state = 'sb';
          }
          break;
      }
    }
  });

  function reply(v: number, option: number): void {
    if (v === WILL && option === TTYPE) {
      socket.write(Buffer.from([IAC, SB, TTYPE, 1, IAC, SE]));
    } else if (v === WILL && (option === BINARY || option === EOR_OPTION)) {
      agreed.add(option === BINARY ? 'will-binary' : 'will-eor');
    } else if (v === DO && (option === BINARY || option === EOR_OPTION)) {
      agreed.add(option === BINARY ? 'do-binary' : 'do-eor');
    } else if (v === WILL) {
      socket.write(Buffer.from([IAC, DONT, option]));
    } else if (v === DO) {
      socket.write(Buffer.from([IAC, WONT, option]));
    }
    maybeStart();
  }
}
