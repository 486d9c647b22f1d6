/**
 * What the I/O instructions (SSCH, TSCH, STSCH, MSCH, HSCH, CSCH, RSCH, XSCH, STCRW, SCHM;
 * reference/domain-architecture.md §6.6) need from the channel subsystem. The arch layer defines it
 * and the I/O layer implements it, so arch never imports io. The instruction handlers do the
 * instruction-level work (privilege, SID checks, operand alignment and access, storing results);
 * the port owns the ORB/SCHIB/IRB formats and the subchannels.
 *
 * Methods return a condition code 0-3, or PORT_OPERAND_EXCEPTION when the operand's contents are
 * invalid (reserved ORB or PMCW bits set): program interruption 0x15, nothing changed.
 */
export const PORT_OPERAND_EXCEPTION = -1;

/** Size of the operands the port reads or fills. */
export const ORB_SIZE = 12;
export const SCHIB_SIZE = 52;
export const IRB_SIZE = 64;

export interface ChannelSubsystemPort {
  /** SSCH: start the channel program the 12-byte ORB describes. */
  startSubchannel(subchannel: number, orb: Uint8Array): number;
  /** STSCH: fill `schib` (52 bytes); CC 0, or 3 beyond the last subchannel. Changes nothing. */
  storeSubchannel(subchannel: number, schib: Uint8Array): number;
  /** MSCH: take the program-modifiable PMCW fields from `schib`. */
  modifySubchannel(subchannel: number, schib: Uint8Array): number;
  /** TSCH, first half: fill `irb` (64 bytes); CC 0 status pending, 1 not, 3 not operational. Changes nothing. */
  testSubchannel(subchannel: number, irb: Uint8Array): number;
  /** TSCH, second half (after the IRB was stored and the CC was 0): clear the status just stored. */
  acceptStatus(subchannel: number): void;
  haltSubchannel(subchannel: number): number;
  clearSubchannel(subchannel: number): number;
  resumeSubchannel(subchannel: number): number;
  cancelSubchannel(subchannel: number): number;
  /** STCRW: the next channel-report word, removed from the queue, or null when none is pending. */
  takeChannelReport(): number | null;
  /**
   * SCHM: measurement-block update on or off (`update`), its storage key and origin (absolute,
   * 32-byte aligned when `update`). Device-connect time (GR1 bit 63) is not measured.
   */
  setChannelMonitor(update: boolean, key: number, origin: number): void;
}
