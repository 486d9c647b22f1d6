/**
 * Ids of the consoles every machine has. A file of its own so the page can name them without
 * importing the engine.
 */
/** The HMC's line-mode "Operating System Messages" console. */
export const HMC_CONSOLE = 'hmc';
