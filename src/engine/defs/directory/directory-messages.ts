/**
 * The messages the directory checker prints, in DIRECTXA's style: `HCPDIRnnnS TEXT`, upper case,
 * quoting the offending operand. Two are genuine (a DirMaint capture of a real DIRECTXA run, and a
 * lab note): HCPDIR752E STATEMENT SEQUENCE ERROR and HCPDIR1776E DEFAULT STORAGE SIZE EXCEEDS
 * MAXIMUM STORAGE SIZE FOR USER x. DIRECTXA's other numbers could not be verified
 * (reference/domain-hypervisors.md §10): the rest are zvlab's, representative, not exact.
 */
export const DIRECTORY_MESSAGES = {
  unknownStatement: (verb: string) => `HCPDIR751E UNKNOWN STATEMENT - ${verb}`,
  sequence: (detail: string) => `HCPDIR752E STATEMENT SEQUENCE ERROR - ${detail}`,
  duplicateUserid: (id: string, firstLine: number) =>
    `HCPDIR753E DUPLICATE USERID ${id}; FIRST DEFINED ON LINE ${firstLine}`,
  missingOperand: (statement: string, expected: string) =>
    `HCPDIR754E MISSING OPERAND ON ${statement} - EXPECTED ${expected}`,
  invalidOperand: (operand: string, expected: string) =>
    `HCPDIR755E INVALID OPERAND - ${operand}; EXPECTED ${expected}`,
  extraOperand: (operand: string, statement: string) =>
    `HCPDIR756E TOO MANY OPERANDS ON ${statement} - ${operand}`,
  duplicateAddress: (vaddr: string, id: string, firstLine: number) =>
    `HCPDIR757E DUPLICATE VIRTUAL DEVICE ADDRESS ${vaddr} FOR ${id}; ALSO DEFINED ON LINE ${firstLine}`,
  unknownProfile: (name: string) => `HCPDIR758E PROFILE ${name} NOT FOUND FOR INCLUDE`,
  unknownSubconfig: (name: string) => `HCPDIR759E SUBCONFIG ${name} NOT FOUND FOR BUILD`,
  tooManyCpus: (cpu: string, id: string, max: number) =>
    `HCPDIR760E CPU ${cpu} OF ${id} EXCEEDS THE MACHINE MAXIMUM OF ${max} CPUS`,
  storageExceedsMax: (id: string) =>
    `HCPDIR1776E DEFAULT STORAGE SIZE EXCEEDS MAXIMUM STORAGE SIZE FOR USER ${id}.`,
  overlap: (volser: string, a: string, b: string) =>
    `HCPDIR790W MINIDISK EXTENTS OVERLAP ON VOLUME ${volser}: ${a} OVERLAPS ${b}`,
} as const;

export const DIRECTXA_EOJ_OK = 'EOJ DIRECTORY UPDATED AND ON LINE';
export const DIRECTXA_EOJ_FAILED = 'EOJ DIRECTORY NOT UPDATED';

/** The rule each message checks, for the closing note and the tests. */
export const DIRECTORY_RULES = [
  'HCPDIR751E unknown statement',
  'HCPDIR752E statement sequence: DIRECTORY first, GLOBALDEFS once before PROFILEs, PROFILEs before USER/IDENTITY entries, INCLUDE right after USER, control statements before device statements, device statements inside an entry',
  'HCPDIR753E duplicate userid',
  'HCPDIR754E missing operand',
  'HCPDIR755E invalid operand (userid, password, storage, classes, device address, device type, mode, counts)',
  'HCPDIR756E too many operands',
  'HCPDIR757E duplicate virtual device address within an entry (profile statements included)',
  'HCPDIR758E INCLUDE of an unknown PROFILE',
  'HCPDIR759E BUILD of an unknown SUBCONFIG',
  'HCPDIR760E more CPU statements than MACHINE allows',
  'HCPDIR1776E logon storage above maximum storage',
  'HCPDIR790W minidisk extents overlap on one volume (warning, both lines)',
] as const;
