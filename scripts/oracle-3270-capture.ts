// Captures what s3270 shows for each oracle case: a TN3270 server here sends the case's streams,
// then a Read Buffer; once the client's reply arrives (so every record before it was processed),
// the case's operator keys (if any) are typed into s3270, and its Ascii() screen is saved as
// NAME.screen.txt; its status (size, cursor), Read Buffer replies and the inbound record of an AID
// key go to NAME.s3270.json, both in test/fixtures/3270/.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { S3270, type S3270Answer } from './oracle-3270-s3270';
import { startTn3270Server, type Tn3270Session } from './oracle-3270-tn3270-server';

const FIXTURES = join(import.meta.dirname, '..', 'test', 'fixtures', '3270');
const READ_BUFFER = Uint8Array.of(0xf2);
const RESTORE_KEYBOARD = Uint8Array.of(0xf1, 0xc2);
const TIMEOUT_MS = 15_000;

interface ManifestCase {
  readonly name: string;
  readonly model: number;
  readonly streams: readonly string[];
  readonly keys?: readonly string[];
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

/**
 * Sends one key. String("…") goes as one Key(U+hhhh) per character, stopping at the first refused
 * one: s3270's String() is a paste, and on an unformatted screen a paste that crosses a line end
 * leaves the cursor at the paste's starting column, which no keyboard does.
 */
async function press(s3270: S3270, key: string): Promise<S3270Answer> {
  const string = /^String\((".*")\)$/.exec(key);
  if (!string) return s3270.action(key);
  let answer: S3270Answer = { ok: true, data: [], status: '' };
  for (const char of JSON.parse(string[1]) as string) {
    const code = char.codePointAt(0)!.toString(16).padStart(4, '0');
    answer = await s3270.action(`Key(U+${code})`);
    if (!answer.ok) break;
  }
  return answer;
}

/** s3270 actions that send an AID; such a key may only be the last of a case. */
const AID_ACTION = /^(Enter|Clear|PF\(\d+\)|PA\(\d+\))$/;

async function capture(c: ManifestCase): Promise<void> {
  const records = c.streams.map((file) => new Uint8Array(readFileSync(join(FIXTURES, file))));
  let resolveSession: (s: Tn3270Session) => void = () => {};
  const sessionReady = new Promise<Tn3270Session>((resolve) => {
    resolveSession = resolve;
  });
  const { server, port } = await startTn3270Server((s) => resolveSession(s));
  const s3270 = new S3270([
    '-codepage',
    'cp037',
    '-model',
    `3279-${c.model}-E`,
    '-xrm',
    's3270.numericLock: true',
  ]);
  let session: Tn3270Session | undefined;
  try {
    // Connect() completes only once the host has sent a screen, so the streams go first.
    const connecting = s3270.action(`Connect(127.0.0.1:${port})`);
    session = await withTimeout(sessionReady, `${c.name}: TN3270 negotiation`);
    const queryReplies: string[] = [];
    for (const record of records) {
      session.send(record);
      // A Read Partition Query makes the terminal answer at once with its query replies.
      if (record[0] === 0xf3 && record[3] === 0x01) {
        const answer = await withTimeout(session.nextInbound(), `${c.name}: query reply`);
        queryReplies.push(Buffer.from(answer).toString('hex'));
      }
    }
    session.send(READ_BUFFER);
    const reply = await withTimeout(session.nextInbound(), `${c.name}: Read Buffer reply`);
    const connect = await withTimeout(connecting, `${c.name}: Connect`);
    if (!connect.ok) throw new Error(`${c.name}: Connect failed: ${connect.data.join(' ')}`);
    const oracle: Record<string, unknown> = { client: 's3270', terminalType: session.terminalType };
    if (queryReplies.length > 0) oracle.queryReplies = queryReplies;

    const keys = c.keys ?? [];
    if (keys.length > 0) {
      // The operator's keys; an AID key makes s3270 send its inbound record and wait for the host,
      // which answers with a Read Buffer (the screen with its MDTs) and a keyboard-restoring Write.
      const results: boolean[] = [];
      let inbound: Uint8Array | undefined;
      for (const [i, key] of keys.entries()) {
        const isAid = AID_ACTION.test(key);
        if (isAid && i !== keys.length - 1) throw new Error(`${c.name}: AID key ${key} must come last`);
        const pending = isAid ? s3270.action(key) : press(s3270, key);
        if (isAid)
          inbound = await withTimeout(
            session.nextInbound(),
            `${c.name}: inbound record after ${key} (is input inhibited by an operator error?)`,
          );
        else results.push((await pending).ok);
        if (isAid) {
          session.send(READ_BUFFER);
          oracle.readBufferAfterKeys = Buffer.from(
            await withTimeout(session.nextInbound(), `${c.name}: Read Buffer after keys`),
          ).toString('hex');
          session.send(RESTORE_KEYBOARD);
          results.push((await withTimeout(pending, `${c.name}: ${key} to complete`)).ok);
        }
      }
      if (inbound === undefined) {
        session.send(READ_BUFFER);
        oracle.readBufferAfterKeys = Buffer.from(
          await withTimeout(session.nextInbound(), `${c.name}: Read Buffer after keys`),
        ).toString('hex');
      }
      oracle.keys = keys;
      oracle.keyResults = results.map((ok) => (ok ? 'ok' : 'error'));
      if (inbound) oracle.inbound = Buffer.from(inbound).toString('hex');
    }

    const screen = await s3270.action('Ascii()');
    if (!screen.ok) throw new Error(`${c.name}: Ascii() failed`);
    // Status: keyboard, formatted, field protection, connection, mode, model, rows, columns, cursor row, cursor column, …
    const status = screen.status.split(' ');
    writeFileSync(join(FIXTURES, `${c.name}.screen.txt`), `${screen.data.join('\n')}\n`);
    Object.assign(oracle, {
      keyboard: status[0] === 'U' ? 'unlocked' : 'locked',
      formatted: status[1] === 'F',
      rows: Number(status[6]),
      columns: Number(status[7]),
      cursor: { row: Number(status[8]), column: Number(status[9]) },
      readBuffer: Buffer.from(reply).toString('hex'),
    });
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
