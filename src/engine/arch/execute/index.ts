import type { Handler } from '../code-cache';
import { ARITHMETIC_HANDLERS } from './arithmetic';
import { BRANCH_HANDLERS } from './branch';
import { COMPARE_HANDLERS } from './compare';
import { CONTROL_HANDLERS } from './control';
import { DAT_HANDLERS } from './dat';
import { DECIMAL_HANDLERS } from './decimal';
import { FLOATING_POINT_REGISTER_HANDLERS } from './floating-point-registers';
import { IO_HANDLERS } from './io';
import { LOAD_STORE_HANDLERS } from './load-store';
import { LOGICAL_HANDLERS } from './logical';
import { SERVICE_CALL_HANDLERS } from './service-call';
import { TRANSLATE_EDIT_HANDLERS } from './translate-edit';
import { SIGNAL_PROCESSOR_HANDLERS } from './signal-processor';
import { TIMER_HANDLERS } from './timers';
import { SIE_HANDLERS } from '../sie/sie-instruction';

/**
 * Every group file's handlers, by mnemonic. The decode tables join these to the instruction-table
 * rows. A new group (decimal, DAT, timers, SIGP, SIE, I/O) adds its map here; a mnemonic may be
 * registered once only.
 */
export const HANDLER_GROUPS: readonly Readonly<Record<string, Handler>>[] = [
  LOAD_STORE_HANDLERS,
  ARITHMETIC_HANDLERS,
  LOGICAL_HANDLERS,
  COMPARE_HANDLERS,
  BRANCH_HANDLERS,
  CONTROL_HANDLERS,
  DAT_HANDLERS,
  FLOATING_POINT_REGISTER_HANDLERS,
  DECIMAL_HANDLERS,
  TRANSLATE_EDIT_HANDLERS,
  SIGNAL_PROCESSOR_HANDLERS,
  IO_HANDLERS,
  TIMER_HANDLERS,
  SIE_HANDLERS,
  SERVICE_CALL_HANDLERS,
];
