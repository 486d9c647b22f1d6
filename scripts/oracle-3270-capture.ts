// Captures what s3270 shows for each oracle case: a TN3270 server here sends the case's streams,
// then a Read Buffer; once the client's reply arrives (so every record before it was processed),
// s3270's Ascii() screen is saved as NAME.screen.txt and its status (size, cursor) and Read Buffer
// reply as NAME.s3270.json, both in test/fixtures/3270/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3270 } from './oracle-3270-s3270';
import { startTn3270Server, type Tn3270Session } from './oracle-3270-tn3270-server';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', '3270');
const READ_BUFFER = Uint8Array.of(0xf2);
const TIMEOUT_MS = 15_000;

interface ManifestCase {
  readonly name: string;
  readonly model: number;
  readonly streams: readonly string[];
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function capture(c: ManifestCase): Promise<void> {
  const records = c.streams.map((file) => new Uint8Array(readFileSync(join(FIXTURES, file))));
  let session: Tn3270Session | undefined;
  const readBuffer = new Promise<Uint8Array>((resolve) => {
    void startTn3270Server(async (s) => {
      session = s;
      for (const record of records) s.send(record);
      s.send(READ_BUFFER);
      resolve(await s.nextInbound());
    }).then(({ server, port }) => {
      started({ server, port });
    });
  });
  let started: (value: { server: import('node:net').Server; port: number }) => void = () => {};
  const listening = new Promise<{ server: import('node:net').Server; port: number }>((resolve) => {
    started = resolve;
  });
  const { server, port } = await listening;
  const s3270 = new S3270(['-codepage', 'cp037', '-model', `3279-${c.model}-E`]);
  try {
    const connect = await s3270.action(`Connect(127.0.0.1:${port})`);
    if (!connect.ok) throw new Error(`${c.name}: Connect failed: ${connect.data.join(' ')}`);
    const reply = await withTimeout(readBuffer, `${c.name}: Read Buffer reply`);
    const screen = await s3270.action('Ascii()');
    if (!screen.ok) throw new Error(`${c.name}: Ascii() failed`);
    // Status: keyboard, formatted, field protection, connection, mode, model, rows, columns, cursor row, cursor column, …
    const status = screen.status.split(' ');
    writeFileSync(join(FIXTURES, `${c.name}.screen.txt`), `${screen.data.join('\n')}\n`);
    const oracle = {
      client: 's3270',
      terminalType: session?.terminalType,
      keyboard: status[0] === 'U' ? 'unlocked' : 'locked',
      formatted: status[1] === 'F',
      rows: Number(status[6]),
      columns: Number(status[7]),
      cursor: { row: Number(status[8]), column: Number(status[9]) },
      readBuffer: Buffer.from(reply).toString('hex'),
    };
    writeFileSync(join(FIXTURES, `${c.name}.s3270.json`), `${JSON.stringify(oracle, null, 2)}\n`);
    await s3270.action('Disconnect');
  } finally {
    await s3270.quit();
    session?.close();
    server.close();
  }
}

const manifest = JSON.parse(readFileSync(join(FIXTURES, 'cases.json'), 'utf8')) as ManifestCase[];
for (const c of manifest) await capture(c);
console.log(`oracle-3270: ${manifest.length} screens captured from s3270`);
