import {
  type CcwCommand,
  type CcwDevice,
  type CcwOutcome,
  DEV_DONE,
  DEV_UNIT_CHECK,
  type DeviceContext,
  SENSE_COMMAND_REJECT,
} from '../channel/ccw-device';
import {
  CCW_NOP,
  CCW_READ_CONF,
  CCW_READ_FEAT,
  CCW_READ_STATUS,
  CCW_READ_VQ_CONF,
  CCW_SENSE,
  CCW_SET_CONF_IND,
  CCW_SET_IND,
  CCW_SET_IND_ADAPTER,
  CCW_SET_VIRTIO_REV,
  CCW_SET_VQ,
  CCW_VDEV_RESET,
  CCW_WRITE_CONF,
  CCW_WRITE_FEAT,
  CCW_WRITE_STATUS,
  FEATURE_DESC_SIZE,
  INDICATOR_ADDRESS_SIZE,
  LEGACY_VRING_ALIGN,
  MAX_REVISION,
  REV_INFO_SIZE,
  SENSE_BYTES,
  THININT_AREA_SIZE,
  VIRTIO_CCW_CU_TYPE,
  VQ_CONFIG_SIZE,
  VQ_INFO_LEGACY_SIZE,
  VQ_INFO_SIZE,
} from './ccw-commands';
import { AdapterIndicators, ClassicIndicator, type QueueIndicators } from './guest-indicators';
import { RingMemory } from './ring-memory';
import { type QueueLayout, SplitVirtqueue, layoutFits, legacyLayout } from './split-virtqueue';
import type { VirtioDeviceModel } from './virtio-device-model';
import {
  FEATURE_INDIRECT_DESC,
  FEATURE_VERSION_1_WORD1,
  STATUS_DEVICE_NEEDS_RESET,
  STATUS_DRIVER_OK,
  STATUS_FEATURES_OK,
} from './virtio-status';

/** READ_VQ_CONF answers 0 ("no such queue") below this index and rejects from it on (QEMU's VIRTIO_QUEUE_MAX). */
const QUEUE_INDEX_LIMIT = 1024;
/** Classic indicators have one bit per queue in one doubleword. */
const CLASSIC_INDICATOR_BITS = 64;
/** DIAGNOSE 0x500 result for a queue index the device does not have (-EINVAL, as QEMU returns). */
export const NOTIFY_EINVAL = -22;

/** Interruption subclasses are 0-7 (CR6 bits 32-39). */
const ISC_LIMIT = 8;

/**
 * The virtio-ccw transport (reference/domain-architecture.md §9): a CcwDevice that answers the
 * virtio channel commands, keeps the device status, negotiated revision and features, the
 * virtqueues and the notification indicators, and runs the device model's queues when the guest
 * notifies (DIAGNOSE 0x500 subcode 3). Bad guest input ends in command reject (unit check); a guest
 * that breaks the ring rules puts the device into DEVICE_NEEDS_RESET, never into a host error.
 */
export class VirtioCcwDevice implements CcwDevice {
  readonly kind: string;
  /** -1 until SET_VIRTIO_REV: a driver that never sends it is a legacy driver and gets revision 0 behaviour. */
  private revisionValue = -1;
  private statusValue = 0;
  private driverFeatures = [0, 0];
  private readonly queues: (SplitVirtqueue | null)[];
  private queueIndicators: QueueIndicators | null = null;
  private configIndicator: ClassicIndicator | null = null;
  private sense = new Uint8Array(SENSE_BYTES);
  private context: DeviceContext | null = null;

  constructor(readonly model: VirtioDeviceModel) {
    this.kind = model.kind;
    this.queues = model.queueSizes.map(() => null);
    model.attach?.({
      queueReady: (queue) => this.runQueue(queue),
      configChanged: () => this.configChanged(),
    });
  }

  /** The negotiated revision (-1 before SET_VIRTIO_REV). */
  get revision(): number {
    return this.revisionValue;
  }

  /** The device status byte (§9.3). */
  get status(): number {
    return this.statusValue;
  }

  /** The driver's accepted feature words 0 and 1. */
  get acceptedFeatures(): readonly number[] {
    return this.driverFeatures;
  }

  /** The feature words the device offers at the negotiated revision. */
  offeredFeatures(index: number): number {
    if (index === 0) return (this.model.features | FEATURE_INDIRECT_DESC) >>> 0;
    if (index === 1 && this.revisionValue >= 1) return FEATURE_VERSION_1_WORD1;
    return 0;
  }

  senseId(): Uint8Array {
    return Uint8Array.of(
      0xff,
      VIRTIO_CCW_CU_TYPE >>> 8,
      VIRTIO_CCW_CU_TYPE & 0xff,
      this.model.deviceId,
      0,
      0,
      0,
      0,
    );
  }

  attach(context: DeviceContext): void {
    this.context = context;
  }

  inspectsReadBuffer(code: number): boolean {
    return code === CCW_READ_FEAT || code === CCW_READ_VQ_CONF;
  }

  execute(command: CcwCommand): CcwOutcome {
    const { code } = command;
    if (code === CCW_NOP) return { status: DEV_DONE };
    if (code === CCW_SENSE) {
      const data = this.sense;
      this.sense = new Uint8Array(SENSE_BYTES);
      return { status: DEV_DONE, data };
    }
    this.sense[0] = 0;
    switch (code) {
      case CCW_SET_VIRTIO_REV:
        return this.setRevision(command);
      case CCW_VDEV_RESET:
        this.resetDevice();
        return { status: DEV_DONE, consumed: 0 };
      case CCW_READ_FEAT:
        return this.readFeatures(command);
      case CCW_WRITE_FEAT:
        return this.writeFeatures(command);
      case CCW_READ_CONF:
        return this.readConfig(command);
      case CCW_WRITE_CONF:
        return this.writeConfig(command);
      case CCW_WRITE_STATUS:
        return this.writeStatus(command);
      case CCW_READ_STATUS:
        return this.revisionValue >= 2 && command.count >= 1
          ? { status: DEV_DONE, data: Uint8Array.of(this.statusValue) }
          : this.reject();
      case CCW_READ_VQ_CONF:
        return this.readQueueConfig(command);
      case CCW_SET_VQ:
        return this.setQueue(command);
      case CCW_SET_IND:
        return this.setIndicator(command, false);
      case CCW_SET_CONF_IND:
        return this.setIndicator(command, true);
      case CCW_SET_IND_ADAPTER:
        return this.setAdapterIndicators(command);
      default:
        return this.reject();
    }
  }

  /** DIAGNOSE 0x500 subcode 3: the driver made buffers available on `queue`. */
  notify(queue: number): number {
    if (!(queue >= 0 && queue < this.queues.length)) return NOTIFY_EINVAL;
    this.runQueue(queue);
    return 0;
  }

  /** Unit check with command reject; the device state is left as it was. */
  private reject(): CcwOutcome {
    this.sense[0] = SENSE_COMMAND_REJECT;
    return { status: DEV_DONE | DEV_UNIT_CHECK };
  }

  /** Runs the model on `queue` when the driver is ready, then tells the driver about used buffers. */
  private runQueue(queue: number): void {
    const vq = this.queues[queue];
    const context = this.context;
    if (vq === null || context === null) return;
    if ((this.statusValue & (STATUS_DRIVER_OK | STATUS_DEVICE_NEEDS_RESET)) !== STATUS_DRIVER_OK) return;
    try {
      this.model.process(queue, vq, this.driverFeatures[0]);
    } catch {
      // A ring-rule violation or an access beyond storage: stop the device until the driver resets it.
      this.statusValue |= STATUS_DEVICE_NEEDS_RESET;
      this.configIndicator?.signal(0, context);
      return;
    }
    if (vq.takeNotification()) this.queueIndicators?.signal(queue, context);
  }

  /** A configuration change interruption (bit 0 of the SET_CONF_IND doubleword) once the driver is ready. */
  private configChanged(): void {
    if (this.context !== null && (this.statusValue & STATUS_DRIVER_OK) !== 0) {
      this.configIndicator?.signal(0, this.context);
    }
  }

  private resetDevice(): void {
    this.statusValue = 0;
    this.driverFeatures = [0, 0];
    this.queues.fill(null);
    this.queueIndicators = null;
    this.configIndicator = null;
    this.model.reset();
  }

  /** SET_VIRTIO_REV: accepted while the device is reset and unconfigured (a driver starting over). */
  private setRevision(command: CcwCommand): CcwOutcome {
    const { data } = command;
    if (data.length < REV_INFO_SIZE) return this.reject();
    const revision = be16(data, 0);
    const length = be16(data, 2);
    if (data.length < REV_INFO_SIZE + length || revision > MAX_REVISION) return this.reject();
    if (this.statusValue !== 0 || this.queues.some((q) => q !== null)) return this.reject();
    this.revisionValue = revision;
    return { status: DEV_DONE, consumed: REV_INFO_SIZE + length };
  }

  private readFeatures(command: CcwCommand): CcwOutcome {
    if (command.count < FEATURE_DESC_SIZE || command.data.length < FEATURE_DESC_SIZE) return this.reject();
    const index = command.data[4];
    const out = new Uint8Array(FEATURE_DESC_SIZE);
    putLe32(out, 0, this.offeredFeatures(index));
    out[4] = index;
    return { status: DEV_DONE, data: out };
  }

  /** WRITE_FEAT: words beyond those offered at this revision are ignored (QEMU); frozen after FEATURES_OK. */
  private writeFeatures(command: CcwCommand): CcwOutcome {
    const { data } = command;
    if (data.length < FEATURE_DESC_SIZE || (this.statusValue & STATUS_FEATURES_OK) !== 0)
      return this.reject();
    const index = data[4];
    if (index === 0 || (index === 1 && this.revisionValue >= 1)) this.driverFeatures[index] = le32(data, 0);
    return { status: DEV_DONE, consumed: FEATURE_DESC_SIZE };
  }

  private readConfig(command: CcwCommand): CcwOutcome {
    const config = this.model.readConfig(this.revisionValue >= 1);
    return { status: DEV_DONE, data: config.subarray(0, Math.min(command.count, config.length)) };
  }

  private writeConfig(command: CcwCommand): CcwOutcome {
    const size = this.model.readConfig(this.revisionValue >= 1).length;
    const bytes = command.data.subarray(0, Math.min(command.data.length, size));
    this.model.writeConfig(bytes, this.revisionValue >= 1);
    return { status: DEV_DONE, consumed: bytes.length };
  }

  /**
   * WRITE_STATUS: 0 resets the device. FEATURES_OK is refused (command reject, status unchanged)
   * when the driver accepted a feature that was not offered, or, at revision 1 and later, did not
   * accept VERSION_1.
   */
  private writeStatus(command: CcwCommand): CcwOutcome {
    if (command.data.length < 1) return this.reject();
    const status = command.data[0];
    if (status === 0) {
      this.resetDevice();
      return { status: DEV_DONE, consumed: 1 };
    }
    if ((status & STATUS_FEATURES_OK) !== 0 && (this.statusValue & STATUS_FEATURES_OK) === 0) {
      const [w0, w1] = this.driverFeatures;
      const extra = (w0 & ~this.offeredFeatures(0)) | (w1 & ~this.offeredFeatures(1));
      const needsVersion1 = this.revisionValue >= 1 && (w1 & FEATURE_VERSION_1_WORD1) === 0;
      if (extra !== 0 || needsVersion1) return this.reject();
    }
    this.statusValue = (status & ~STATUS_DEVICE_NEEDS_RESET) | (this.statusValue & STATUS_DEVICE_NEEDS_RESET);
    return { status: DEV_DONE, consumed: 1 };
  }

  private readQueueConfig(command: CcwCommand): CcwOutcome {
    const { data } = command;
    if (command.count < VQ_CONFIG_SIZE || data.length < VQ_CONFIG_SIZE) return this.reject();
    const index = be16(data, 0);
    if (index >= QUEUE_INDEX_LIMIT) return this.reject();
    const max = this.model.queueSizes[index] ?? 0;
    return { status: DEV_DONE, data: Uint8Array.of(index >>> 8, index & 0xff, max >>> 8, max & 0xff) };
  }

  /**
   * SET_VQ: a zero descriptor address disables the queue. Revision 1 and later give the three parts
   * apart and may shrink the queue (a power of two up to the maximum); a legacy driver gives one
   * area aligned to 4096 and must use the maximum size (QEMU ignores a larger one).
   */
  private setQueue(command: CcwCommand): CcwOutcome {
    const context = this.context;
    const { data } = command;
    const legacy = this.revisionValue < 1;
    const need = legacy ? VQ_INFO_LEGACY_SIZE : VQ_INFO_SIZE;
    if (context === null || data.length < need) return this.reject();
    const index = be16(data, 12);
    const size = be16(data, 14);
    const max = this.model.queueSizes[index];
    const desc = be64(data, 0);
    if (max === undefined) return this.reject();
    if (desc === 0) {
      this.queues[index] = null;
      return { status: DEV_DONE, consumed: need };
    }
    let layout: QueueLayout;
    if (legacy) {
      if (be32(data, 8) !== LEGACY_VRING_ALIGN || size < max) return this.reject();
      layout = legacyLayout(desc, max, LEGACY_VRING_ALIGN);
    } else {
      const avail = be64(data, 16);
      const used = be64(data, 24);
      const powerOfTwo = size > 0 && (size & (size - 1)) === 0;
      if (!powerOfTwo || size > max || desc % 16 !== 0 || avail % 2 !== 0 || used % 4 !== 0)
        return this.reject();
      layout = { size, desc, avail, used };
    }
    if (!layoutFits(layout, context.storage.size)) return this.reject();
    const indirect = (this.driverFeatures[0] & FEATURE_INDIRECT_DESC) !== 0;
    this.queues[index] = new SplitVirtqueue(new RingMemory(context.storage, !legacy), layout, indirect);
    return { status: DEV_DONE, consumed: need };
  }

  /** SET_IND (queue indicators, refused while adapter indicators are in use) and SET_CONF_IND. */
  private setIndicator(command: CcwCommand, configuration: boolean): CcwOutcome {
    const { data } = command;
    const context = this.context;
    if (context === null || data.length < INDICATOR_ADDRESS_SIZE) return this.reject();
    const address = be64(data, 0);
    if (!(address + 8 <= context.storage.size)) return this.reject();
    if (configuration) {
      this.configIndicator = new ClassicIndicator(address);
    } else {
      if (this.queueIndicators instanceof AdapterIndicators) return this.reject();
      if (this.queues.length > CLASSIC_INDICATOR_BITS) return this.reject();
      this.queueIndicators = new ClassicIndicator(address);
    }
    return { status: DEV_DONE, consumed: INDICATOR_ADDRESS_SIZE };
  }

  /** SET_IND_ADAPTER: refused once classic queue indicators are set (QEMU). */
  private setAdapterIndicators(command: CcwCommand): CcwOutcome {
    const { data } = command;
    const context = this.context;
    if (context === null || data.length < THININT_AREA_SIZE) return this.reject();
    if (this.queueIndicators instanceof ClassicIndicator) return this.reject();
    const isc = data[24];
    const indicators = new AdapterIndicators(be64(data, 0), be64(data, 8), be64(data, 16), isc);
    if (isc >= ISC_LIMIT || !indicators.fits(context.storage, this.queues.length)) return this.reject();
    this.queueIndicators = indicators;
    return { status: DEV_DONE, consumed: THININT_AREA_SIZE };
  }
}

function be16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

function be32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

/** A big-endian doubleword as a number; 2^53 and beyond (never a valid address here) as Infinity. */
function be64(b: Uint8Array, o: number): number {
  const high = be32(b, o);
  return high >= 0x20_0000 ? Number.POSITIVE_INFINITY : high * 0x1_0000_0000 + be32(b, o + 4);
}

function le32(b: Uint8Array, o: number): number {
  return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
}

function putLe32(b: Uint8Array, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}
