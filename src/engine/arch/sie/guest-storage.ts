import { RUN_EXIT } from '../program-interruption';
import { FRAME_SIZE, type FrameSource, MainStorage } from '../main-storage';

/**
 * How a host backs a guest's absolute storage (the hypervisor's page table for the guest, or the
 * SIE state description's MSO..MSE range): guest absolute frame → host frame, or not resident.
 */
export interface GuestMemory {
  /** Guest storage size in bytes (a multiple of 4 KiB). */
  readonly size: number;
  /** The host storage the frames live in. */
  readonly host: MainStorage;
  /** Host frame index backing guest absolute frame `frame`, or -1 when the page is not resident. */
  hostFrame(frame: number): number;
}

/** A guest page the host has not made resident, met outside a guest's run (by host code reading the view). */
export class GuestPageNotResident extends Error {
  constructor(readonly guestAddress: number) {
    super(`guest page at ${guestAddress.toString(16)} is not resident`);
    this.name = 'GuestPageNotResident';
  }
}

/**
 * A guest's absolute storage as the guest CPUs see it: a MainStorage of the guest's size whose frames
 * alias host frames (no copy; the guest's loads and stores hit host bytes at full speed once a frame
 * is known). Frames are asked of the GuestMemory on first access and kept; a frame that is not
 * resident ends the guest's run (RUN_EXIT) with nothing done, and nothing of the host is touched.
 * The guest's storage keys are this storage's keys, separate from the host's.
 *
 * When the host takes a page away (pages it out, moves it), it calls `pageOut`; when it changes guest
 * bytes behind the guest's back (through host storage), `changed` keeps decoded guest code honest.
 * Writing through `main` does both by itself.
 */
export class GuestStorage implements FrameSource {
  readonly main: MainStorage;
  /** Guest frame of the last page met that was not resident, -1 when none. */
  faultFrame = -1;
  /** A guest CPU is running on this storage: faults end its run instead of throwing an Error. */
  running = false;

  constructor(readonly memory: GuestMemory) {
    this.main = new MainStorage(memory.size);
    this.main.frameSource = this;
  }

  frame(index: number): Uint8Array {
    const host = this.memory.host;
    const h = this.memory.hostFrame(index);
    if (h < 0) {
      this.faultFrame = index;
      if (this.running) throw RUN_EXIT;
      throw new GuestPageNotResident(index * FRAME_SIZE);
    }
    if (!(h < host.frameCount)) throw new RangeError(`guest frame ${index} maps beyond host storage (${h})`);
    return host.frameForWrite(h);
  }

  /** The host took guest frame `frame` away: the next guest access asks the GuestMemory again. */
  pageOut(frame: number): void {
    this.main.dropFrame(frame);
  }

  /** Guest bytes [address, address+length) changed through host storage: decoded instructions there go. */
  changed(address: number, length: number): void {
    this.main.codeListener?.(address, length);
  }
}

/** The whole guest resident in one contiguous host range (SIE's MSO..MSE, §10.4; a PR/SM partition). */
export function contiguousMemory(host: MainStorage, origin: number, size: number): GuestMemory {
  const base = origin / FRAME_SIZE;
  const frames = size / FRAME_SIZE;
  return {
    size,
    host,
    hostFrame: (frame) => (frame < frames ? base + frame : -1),
  };
}
