// The 3270 oracle cases: readable definitions of outbound streams that s3270 and zvlab both
// render. `scripts/oracle-3270-generate.ts` writes them to test/fixtures/3270/*.bin.
import { ATTRIBUTE_TYPE as T, COLOR, HIGHLIGHT, WCC } from '../src/engine/io/display3270/data-stream-codes';
import {
  eua,
  ge,
  ic,
  mf,
  pt,
  ra,
  record,
  sa,
  sba,
  sf,
  sfe,
  text,
} from '../src/engine/io/display3270/outbound-builder';
import type { DisplayModel } from '../src/engine/io/display3270/screen-models';

export interface OracleCase {
  readonly name: string;
  readonly description: string;
  readonly model: DisplayModel;
  readonly records: readonly Uint8Array[];
}

/** Field attributes used below (low six bits; hosts add 0xC0 or 0x40 to make them graphic). */
const UNPROT = 0x40;
const UNPROT_BRIGHT = 0xc8;
const UNPROT_NUMERIC = 0x50;
const PROT = 0x60;
const PROT_BRIGHT = 0xe8;
const SKIP = 0xf0;
const HIDDEN = 0x4c;
const PROT_HIDDEN = 0x6c;
const MDT = 0x01;
const RESTORE = 0xc0 | WCC.keyboardRestore | WCC.resetMdt;

const at = (row: number, col: number, cols = 80): number => row * cols + col;

export const CASES: readonly OracleCase[] = [
  {
    name: 'ew-logon-screen',
    description:
      'Erase/Write with SF, SBA and IC: protected, intensified, unprotected and non-display fields',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(0, 30)),
        sf(PROT_BRIGHT),
        text('ZVLAB SYSTEM LOGON'),
        sf(SKIP),
        sba(at(4, 2)),
        sf(PROT),
        text('USERID   ==>'),
        sf(UNPROT_BRIGHT),
        ic(),
        text('MAINT'),
        sba(at(4, 25)),
        sf(SKIP),
        sba(at(5, 2)),
        sf(PROT),
        text('PASSWORD ==>'),
        sf(HIDDEN),
        text('SECRET'),
        sba(at(5, 25)),
        sf(SKIP),
        sba(at(6, 2)),
        sf(PROT_HIDDEN),
        text('INVISIBLE PROTECTED TEXT'),
        sf(PROT),
        text('visible again'),
        sba(at(23, 0)),
        sf(PROT),
        text('PF3=Exit  Enter=Logon'),
      ]),
    ],
  },
  {
    name: 'ra-eua',
    description: 'RA draws lines and fills fields; a second Write erases unprotected data with EUA',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        ra(at(1, 0), '-'),
        sba(at(2, 0)),
        sf(PROT),
        text('NAME:'),
        sf(UNPROT),
        ra(at(2, 40), 'x'),
        sf(PROT),
        text('CITY:'),
        sf(UNPROT_NUMERIC),
        ra(at(3, 0), '9'),
        sba(at(4, 0)),
        sf(PROT),
        ra(at(5, 0), '*'),
        sba(at(6, 0)),
        sf(UNPROT),
        ra(at(6, 79), 'k'),
        sba(at(22, 0)),
        ra(at(22, 0), '='),
      ]),
      record('write', 0xc0, [sba(at(2, 20)), eua(at(6, 10)), text('after EUA')]),
    ],
  },
  {
    name: 'program-tab',
    description: 'PT to the next unprotected field, with and without text before it (nulls filled)',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(2, 0)),
        sf(PROT),
        text('A:'),
        sf(UNPROT),
        text('AAAAAAAAAAAAAAAAAAAA'),
        sba(at(2, 30)),
        sf(PROT),
        text('B:'),
        sf(UNPROT),
        text('BBBBBBBBBBBBBBBBBBBB'),
        sba(at(2, 60)),
        sf(SKIP),
        sba(at(3, 0)),
        sf(UNPROT),
        text('CCCCCCCCCCCCCCCCCCCC'),
        sba(at(3, 30)),
        sf(PROT),
      ]),
      record('write', 0xc0, [sba(0), pt(), text('one'), pt(), text('two'), pt(), pt(), text('four')]),
    ],
  },
  {
    name: 'graphic-escape',
    description: 'GE box-drawing characters from the APL set, also repeated with RA',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(1, 1)),
        ge(0xc5),
        ra(at(1, 20), 0xa2, { apl: true }),
        ge(0xd5),
        sba(at(2, 1)),
        ge(0x85),
        text(' BOXED TEXT '),
        sba(at(2, 19)),
        ge(0x85),
        sba(at(3, 1)),
        ge(0xc4),
        ra(at(3, 20), 0xa2, { apl: true }),
        ge(0xd4),
        sba(at(5, 0)),
        0x1c,
        0x1e,
        0x3f,
        text(' dup fm sub'),
      ]),
    ],
  },
  {
    name: 'sfe-sa-colours',
    description: 'SFE with basic attribute, colours and highlighting; SA for single characters',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(0, 0)),
        sfe([T.fieldAttribute, PROT_BRIGHT], [T.foreground, COLOR.yellow]),
        text('YELLOW TITLE'),
        sba(at(1, 0)),
        sfe([T.fieldAttribute, PROT], [T.foreground, COLOR.turquoise], [T.highlighting, HIGHLIGHT.reverse]),
        text('reverse turquoise'),
        sba(at(2, 0)),
        sfe([T.foreground, COLOR.green], [T.highlighting, HIGHLIGHT.underscore]),
        ic(),
        text('input, no basic attribute pair'),
        sba(at(3, 0)),
        sfe([T.fieldAttribute, PROT_HIDDEN], [T.foreground, COLOR.red]),
        text('hidden red'),
        sfe([T.fieldAttribute, PROT]),
        sa(T.foreground, COLOR.red),
        text('R'),
        sa(T.foreground, COLOR.blue),
        text('B'),
        sa(T.highlighting, HIGHLIGHT.blink),
        text('blink'),
        sa(T.all, 0),
        text(' plain'),
      ]),
    ],
  },
  {
    name: 'modify-field',
    description: 'MF turns a visible field non-display and another into an intensified one',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(1, 0)),
        sf(PROT),
        text('will be hidden'),
        sba(at(2, 0)),
        sf(PROT),
        text('will be bright'),
        sba(at(3, 0)),
        sf(UNPROT),
        text('unchanged'),
      ]),
      record('write', 0xc0, [
        sba(at(1, 0)),
        mf([T.fieldAttribute, PROT_HIDDEN]),
        sba(at(2, 0)),
        mf([T.fieldAttribute, PROT_BRIGHT], [T.foreground, COLOR.pink]),
        text('NOW'),
      ]),
    ],
  },
  {
    name: 'addresses-14bit',
    description: '14-bit binary buffer addresses mixed with 12-bit ones on a 24×80 screen',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(0, 5), 14),
        text('14-bit row 0 col 5'),
        sba(at(10, 40), 14),
        text('14-bit row 10 col 40'),
        sba(at(11, 40)),
        text('12-bit row 11 col 40'),
        sba(at(23, 60), 14),
        sf(PROT),
        text('bottom right'),
        ra(at(23, 79), '.', { form: 14 }),
        sba(at(20, 3), 14),
        ic(),
      ]),
    ],
  },
  {
    name: 'model3-ewa',
    description: 'Model 3: Erase/Write Alternate gives 32×80',
    model: 3,
    records: [
      record('erase-write-alternate', RESTORE, [
        sba(at(0, 0)),
        sf(PROT),
        text('MODEL 3 ALTERNATE 32x80'),
        sba(at(31, 0)),
        sf(PROT),
        text('LAST ROW 31'),
        sba(at(31, 79)),
        text('Z'),
      ]),
    ],
  },
  {
    name: 'model4-ewa',
    description: 'Model 4: Erase/Write Alternate gives 43×80; a 12-bit address reaches row 42',
    model: 4,
    records: [
      record('erase-write-alternate', RESTORE, [
        sba(at(0, 0)),
        sf(PROT_BRIGHT),
        text('MODEL 4 ALTERNATE 43x80'),
        sba(at(24, 0)),
        sf(UNPROT),
        ic(),
        text('row 24, beyond the default size'),
        sba(at(42, 0)),
        sf(PROT),
        text('LAST ROW 42'),
        ra(at(42, 79), '>'),
      ]),
    ],
  },
  {
    name: 'model4-ew-after-ewa',
    description: 'Model 4: Erase/Write after Erase/Write Alternate returns to 24×80',
    model: 4,
    records: [
      record('erase-write-alternate', RESTORE, [sba(at(40, 0)), text('ALTERNATE')]),
      record('erase-write', RESTORE, [sba(at(23, 0)), text('DEFAULT 24x80 AGAIN')]),
    ],
  },
  {
    name: 'model5-ewa',
    description: 'Model 5: Erase/Write Alternate gives 27×132',
    model: 5,
    records: [
      record('erase-write-alternate', RESTORE, [
        sba(at(0, 0, 132)),
        sf(PROT),
        text('MODEL 5 ALTERNATE 27x132'),
        sba(at(0, 100, 132)),
        text('column 100'),
        sba(at(26, 120, 132)),
        text('LAST ROW 26'),
        sba(at(13, 66, 132)),
        ic(),
      ]),
    ],
  },
  {
    name: 'write-no-erase',
    description: 'Erase/Write, then Writes that change part of the screen, one starting at the cursor',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(0, 0)),
        text('first line from the erase/write'),
        sba(at(1, 0)),
        text('second line stays'),
        sba(at(5, 10)),
        ic(),
      ]),
      record('write', 0xc0, [sba(at(0, 6)), text('LINE')]),
      record('write', 0xc0, [text('at the cursor')]),
    ],
  },
  {
    name: 'wrap-end-of-buffer',
    description: 'Text written past the last position continues at address 0; RA wraps too',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(23, 70)),
        text('WRAPPING TEXT CONTINUES AT THE TOP'),
        sba(at(22, 75)),
        ra(at(0, 40), '#'),
      ]),
    ],
  },
  {
    name: 'ccw-command-codes',
    description: 'The local CCW command codes (EW 0x05, W 0x01) instead of the SNA ones',
    model: 2,
    records: [
      record('erase-write', RESTORE, [sba(at(3, 3)), text('written with CCW code 0x05')], 'ccw'),
      record('write', 0xc0, [sba(at(4, 3)), text('and 0x01')], 'ccw'),
    ],
  },
  {
    name: 'erase-all-unprotected',
    description: 'EAU nulls every unprotected position and leaves protected text',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(1, 0)),
        sf(PROT),
        text('KEEP'),
        sf(UNPROT | MDT),
        text('erase me'),
        sba(at(1, 30)),
        sf(PROT),
        text('KEEP TOO'),
        sf(UNPROT),
        text('and me'),
        sba(at(1, 60)),
        sf(PROT),
      ]),
      record('erase-all-unprotected', undefined, []),
    ],
  },
  {
    name: 'unformatted',
    description: 'An unformatted screen: text and format controls without any field',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        text('Unformatted screen, no fields.'),
        sba(at(1, 0)),
        text('NL'),
        0x15,
        text('CR'),
        0x0d,
        text('FF'),
        0x0c,
        text('EM'),
        0x19,
        text('end'),
        sba(at(2, 0)),
        text('accents: àéîõü ÀÉÎÕÜ ç ñ ß [brackets] {braces} ¢ ¬ | ! $'),
      ]),
    ],
  },
  {
    name: 'reset-mdt',
    description: 'Fields sent with MDT on, then a Write whose WCC resets the MDTs (seen in Read Buffer)',
    model: 2,
    records: [
      record('erase-write', 0xc2, [
        sba(at(1, 0)),
        sf(UNPROT | MDT),
        text('modified'),
        sba(at(2, 0)),
        sf(PROT | MDT),
        text('also modified'),
      ]),
      record('write', 0xc1, [sba(at(3, 0)), sf(UNPROT | MDT), text('set after the reset')]),
    ],
  },
  {
    name: 'bad-sba-address',
    description: 'An SBA beyond the buffer stops the write; what came before stays',
    model: 2,
    records: [
      record('erase-write', RESTORE, [
        sba(at(1, 0)),
        text('before the bad address'),
        sba(3000, 14),
        text('never written'),
      ]),
    ],
  },
];
