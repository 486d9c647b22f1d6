import type { SplitVirtqueue } from './split-virtqueue';

/**
 * What the virtio-ccw transport needs from a device type (blk, console, and later net and balloon):
 * its id, feature bits, configuration space and queues, and the work behind a queue notification.
 * Everything channel- and ring-related stays in the transport, so a new device type is one file.
 */
export interface VirtioDeviceModel {
  /** The virtio device id: the SENSE ID control-unit model (§9.1): 2 block, 3 console, … */
  readonly deviceId: number;
  /** For traces and the page: "virtio-blk", … */
  readonly kind: string;
  /** Device-specific feature bits offered (bits 0-23 of feature word 0). */
  readonly features: number;
  /** The maximum size of each virtqueue; the length of the list is the number of queues. */
  readonly queueSizes: readonly number[];
  /** The configuration space, little-endian for a virtio 1.x driver, big-endian for a legacy one. */
  readConfig(littleEndian: boolean): Uint8Array;
  /** WRITE_CONF: the driver's bytes for the configuration space from offset 0 (at most its size). */
  writeConfig(bytes: Uint8Array, littleEndian: boolean): void;
  /** Called once by the transport: how the device asks to be run when it has new input. */
  attach?(host: VirtioHost): void;
  /**
   * Runs the queue: takes available requests (`vq.pop()`), does them and returns them used
   * (`vq.push()`). It may leave requests available (a receive queue with no input yet). Guest
   * storage errors and ring-rule violations propagate as exceptions that the transport catches.
   */
  process(queue: number, vq: SplitVirtqueue, driverFeatures: number): void;
  /** Device reset (VDEV_RESET or status 0): forget buffered work of the old driver. */
  reset(): void;
}

/** The transport as a device model sees it. */
export interface VirtioHost {
  /** New input for `queue` (console input, a packet): run `process` now if the driver is ready. */
  queueReady(queue: number): void;
  /** The device changed its configuration space (a balloon's new target): tell a ready driver. */
  configChanged(): void;
}
