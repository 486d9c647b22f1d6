import type { MainStorage } from '../../arch/main-storage';

/*
 * The contract between the channel subsystem and a device (reference/domain-architecture.md §6).
 * The channel interprets the channel program (CCW fetch, TIC, data chaining, IDAWs, SKIP, SLI,
 * incorrect length, PCI, the ORB key, status) and hands the device one command at a time with
 * data chaining already joined; the device answers with device status and, for reads, the bytes.
 */

/** Device-status bits (SCSW word 2, bits 0-7). */
export const DEV_ATTENTION = 0x80;
export const DEV_STATUS_MODIFIER = 0x40;
export const DEV_CONTROL_UNIT_END = 0x20;
export const DEV_BUSY = 0x10;
export const DEV_CHANNEL_END = 0x08;
export const DEV_DEVICE_END = 0x04;
export const DEV_UNIT_CHECK = 0x02;
export const DEV_UNIT_EXCEPTION = 0x01;
/** Channel end + device end: a command that completed normally. */
export const DEV_DONE = DEV_CHANNEL_END | DEV_DEVICE_END;

/** Sense byte 0 (common to all devices). */
export const SENSE_COMMAND_REJECT = 0x80;
export const SENSE_INTERVENTION_REQUIRED = 0x40;
export const SENSE_BUS_OUT_CHECK = 0x20;
export const SENSE_EQUIPMENT_CHECK = 0x10;
export const SENSE_DATA_CHECK = 0x08;
export const SENSE_OVERRUN = 0x04;

/** One command as the channel presents it: the CCWs of a data chain joined into one transfer. */
export interface CcwCommand {
  /** The command code byte of the first CCW of the data chain. */
  readonly code: number;
  /** Total byte count over the data-chained CCWs. */
  readonly count: number;
  /**
   * Write and control commands: the `count` bytes the channel fetched from storage (with the ORB
   * key). Read and sense commands: empty; the device answers with `CcwOutcome.data`. Exception:
   * a read command for which the device's `inspectsReadBuffer(code)` is true gets the `count`
   * bytes currently in its data area, which the device then answers into.
   */
  readonly data: Uint8Array;
  /** First command of the channel program (a DASD starts a new Define Extent domain). */
  readonly first: boolean;
  /** Command chaining is requested after this command (the CC flag of its last CCW). */
  readonly chained: boolean;
}

/** What a device did with one command. */
export interface CcwOutcome {
  /**
   * Device status: DEV_DONE normally; with DEV_UNIT_CHECK the device keeps its sense bytes for the
   * next SENSE; DEV_UNIT_EXCEPTION for end of file; DEV_STATUS_MODIFIER makes the channel skip the
   * next CCW (a Search that matched).
   */
  readonly status: number;
  /**
   * Read and sense commands: the bytes the device sends. The channel stores min(length, count)
   * (none with SKIP) and sets incorrect length when they differ, unless SLI.
   */
  readonly data?: Uint8Array;
  /**
   * Write and control commands: how many bytes of `data` the device used (default `count`).
   * A difference is incorrect length unless SLI.
   */
  readonly consumed?: number;
  /** Virtual ns the command takes before its ending status (default: the channel's minimum). */
  readonly latencyNs?: number;
}

/** What the channel subsystem gives a device when it is attached to a subchannel. */
export interface DeviceContext {
  /** The device number (PMCW bytes 6-7), e.g. 0x0190. */
  readonly devno: number;
  /** Main storage: for devices that reach into it themselves (virtio rings, indicators). */
  readonly storage: MainStorage;
  /** Present unsolicited status (attention from the operator's ENTER, device end after becoming ready). */
  unsolicited(status: number): void;
  /** Virtual time now, in ns. */
  now(): number;
  /** Schedule work in virtual time. */
  after(delayNs: number, label: string, fire: () => void): void;
  /** Make an adapter (thin) interruption pending on ISC `isc` (virtio-ccw adapter indicators, §9.4). */
  adapterInterruption(isc: number): void;
}

/** A device on a subchannel. DOM-free, deterministic, never throws for guest input. */
export interface CcwDevice {
  /** For traces and the page: "3390", "3278", "virtio-blk", … */
  readonly kind: string;
  /** SENSE ID (0xE4) reply: 0xFF, CU type/model, device type/model, 0, CIWs (§6.8). */
  senseId(): Uint8Array;
  /** Executes one command (never 0xE4 or TIC: the channel answers those). */
  execute(command: CcwCommand): CcwOutcome;
  /** Called once when attached to a subchannel. */
  attach?(context: DeviceContext): void;
  /**
   * Read commands that take an input from the very area they answer into: virtio-ccw READ_FEAT
   * reads the feature-word index and READ_VQ_CONF the queue index from their buffer before filling
   * it (§9.2; QEMU reads and writes one data stream). For these codes the channel fetches the data
   * area into `CcwCommand.data` first (with the ORB key). Absent: no read command needs it.
   */
  inspectsReadBuffer?(code: number): boolean;
  /** Halt, clear or a new channel program after an error: forget chain state. */
  reset?(): void;
  /**
   * DIAGNOSE 0x500 subcode 3 (virtio-ccw notify) for virtqueue `queue` of this device's subchannel;
   * the result goes to GR2 (the host cookie, or negative for an error).
   */
  notify?(queue: number): number;
}
