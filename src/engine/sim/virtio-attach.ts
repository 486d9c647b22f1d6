import type { DiskImage } from '../io/virtio/disk-image';
import { VirtioBlk, type VirtioBlkOptions } from '../io/virtio/virtio-blk';
import { VirtioCcwDevice } from '../io/virtio/virtio-ccw-device';
import { VirtioConsole } from '../io/virtio/virtio-console';
import { virtioConsoleId } from './console-ids';
import type { LineConsole } from './line-console';
import type { Machine } from './machine';

/*
 * Putting virtio-ccw devices on a machine's channel subsystem (reference/domain-architecture.md §9).
 * The console's other end is a line console of the machine, so its output shows in the page like
 * any other console and operator input goes to the guest's receive queue.
 */

export interface AttachedVirtio<M> {
  readonly transport: VirtioCcwDevice;
  readonly model: M;
  /** The subchannel number the device got. */
  readonly subchannel: number;
}

/** A virtio-blk disk backed by `image` at device number `devno`. */
export function attachVirtioBlk(
  machine: Machine,
  devno: number,
  image: DiskImage,
  options: VirtioBlkOptions = {},
): AttachedVirtio<VirtioBlk> {
  const model = new VirtioBlk(image, options);
  const transport = new VirtioCcwDevice(model);
  return { transport, model, subchannel: machine.attachDevice(devno, transport) };
}

/** A virtio-console at `devno` whose port 0 is the new line console `virtio-<devno>`. */
export function attachVirtioConsole(
  machine: Machine,
  devno: number,
): AttachedVirtio<VirtioConsole> & { readonly console: LineConsole } {
  const id = virtioConsoleId(devno);
  const console = machine.addConsole(id, `virtio console ${devno.toString(16).padStart(4, '0')}`);
  const model = new VirtioConsole(console);
  const transport = new VirtioCcwDevice(model);
  return { transport, model, console, subchannel: machine.attachDevice(devno, transport) };
}
