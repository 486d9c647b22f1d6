import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Display3278 } from '../../engine/io/display3270/display-3278';
import { isDisplayModel } from '../../engine/io/display3270/screen-models';
import { screenLines, screenView } from '../../engine/io/display3270/screen-render';
import { type CliCommand, UsageError } from '../cli-command';

/** `zvlab 3270 render`: applies raw outbound 3270 records to a fresh display and prints the screen. */
export const render3270Command: CliCommand = {
  name: '3270',
  summary: 'render raw 3270 outbound streams as the screen a person would see',
  usage: `zvlab 3270 render [--model 2|3|4|5] [--json] STREAM.bin [STREAM2.bin …]

  STREAM.bin    one outbound record: command byte first (CCW code such as 0x05 or SNA code such
                as 0xF5), then WCC, orders and data; several files are applied in order
  --model N     3278 model: 2 (24x80), 3 (32x80), 4 (43x80) or 5 (27x132); default 2
  --json        print the structured screen (lines, fields, cursor, colours) as JSON

Prints one line per row, full width; field attributes, nulls and non-display fields are blanks.
A stream that ends in an operation check or command reject is reported on stderr (exit code 1);
what it wrote before the error stays on the screen, as on the real device.`,

  run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'render') {
      throw new UsageError(
        sub === undefined ? 'expected a sub-command: render' : `unknown sub-command '${sub}'`,
      );
    }
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        model: { type: 'string', default: '2' },
        json: { type: 'boolean', default: false },
      },
    });
    const model = Number(values.model);
    if (!/^[2-5]$/.test(values.model!) || !isDisplayModel(model)) {
      throw new UsageError(`--model: expected 2, 3, 4 or 5, got '${values.model}'`);
    }
    if (positionals.length === 0) throw new UsageError('render needs at least one stream file');

    const display = new Display3278({ model });
    const streams: { file: string; status: string }[] = [];
    let failed = false;
    for (const file of positionals) {
      const { status } = display.applyRecord(new Uint8Array(readFileSync(file)));
      if (status.kind === 'ok') {
        streams.push({ file, status: 'ok' });
        continue;
      }
      failed = true;
      const where = status.kind === 'operation-check' ? ` at data offset ${status.offset}` : '';
      const text = `${status.kind}: ${status.reason}${where}`;
      streams.push({ file, status: text });
      io.err(`zvlab 3270: ${file}: ${text}\n`);
    }

    if (values.json) {
      io.out(`${JSON.stringify({ streams, screen: screenView(display) }, null, 2)}\n`);
    } else {
      io.out(`${screenLines(display.buffer).join('\n')}\n`);
    }
    return failed ? 1 : 0;
  },
};
