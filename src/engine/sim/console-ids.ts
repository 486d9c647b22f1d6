/**
 * Ids of the consoles every machine has. A file of its own so the page can name them without
 * importing the engine.
 */
/** The HMC's line-mode "Operating System Messages" console. */
export const HMC_CONSOLE = 'hmc';
/** The CCW trace of the devices whose tracing is on (Hercules `t+devnum`). */
export const CCW_TRACE_CONSOLE = 'ccwtrace';

/** The line console of the virtio-console at device number `devno`: "virtio-0101". */
export function virtioConsoleId(devno: number): string {
  return `virtio-${devno.toString(16).padStart(4, '0')}`;
}
