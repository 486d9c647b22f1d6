/**
 * The seed's example definitions, read from the test fixtures at build time (Vite `?raw`), so the
 * page's examples and the tests' goldens are the same files.
 */
import seedDirectory from '../../../test/fixtures/defs/seed-linux01.direct?raw';
import seedQemu from '../../../test/fixtures/defs/seed-linux01.qemu?raw';
import seedXml from '../../../test/fixtures/defs/seed-lmb-define.xml?raw';
import twoUsers from '../../../test/fixtures/defs/two-users.direct?raw';

export interface DefinitionExample {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly text: string;
}

export const DEFINITION_EXAMPLES: readonly DefinitionExample[] = [
  {
    id: 'seed-directory',
    label: 'Directory entry',
    hint: "The seed's z/VM user directory entry LINUX01",
    text: seedDirectory,
  },
  {
    id: 'seed-qemu',
    label: 'QEMU command line',
    hint: "The seed's qemu-system-s390x invocation of LINUX01",
    text: seedQemu,
  },
  {
    id: 'seed-xml',
    label: 'libvirt XML',
    hint: "The seed's domain XML passed to virsh define",
    text: seedXml,
  },
  { id: 'two-users', label: 'Two users', hint: 'A directory with two USER entries', text: twoUsers },
];
