import { ConfigSpace } from './config-space';
import type { SplitVirtqueue } from './split-virtqueue';
import type { VirtioDeviceModel, VirtioHost } from './virtio-device-model';

/*
 * virtio-console (device id 3, reference/domain-architecture.md §9.6) with port 0 only (no
 * MULTIPORT): receiveq 0 carries input to the driver in buffers the driver makes available,
 * transmitq 1 carries the driver's output. The other end is a line console of the machine.
 */

export const VIRTIO_ID_CONSOLE = 3;
export const CONSOLE_RECEIVEQ = 0;
export const CONSOLE_TRANSMITQ = 1;

const QUEUE_SIZE = 64;
/** cols(2) rows(2) max_nr_ports(4) emerg_wr(4); cols and rows mean nothing without F_SIZE. */
const CONFIG_SIZE = 12;

/** The console at the other end; a machine line console fits it. */
export interface ConsolePort {
  write(text: string): void;
  onLine(handler: (line: string) => void): void;
}

export class VirtioConsole implements VirtioDeviceModel {
  readonly deviceId = VIRTIO_ID_CONSOLE;
  readonly kind = 'virtio-console';
  readonly features = 0;
  readonly queueSizes = [QUEUE_SIZE, QUEUE_SIZE];
  /** Operator input not yet placed in a receive buffer (bytes, UTF-8). */
  private pending: Uint8Array[] = [];
  private readonly decoder = new TextDecoder('utf-8');
  private readonly encoder = new TextEncoder();
  private host: VirtioHost | null = null;

  constructor(private readonly port: ConsolePort) {
    port.onLine((line) => this.receive(`${line}\n`));
  }

  attach(host: VirtioHost): void {
    this.host = host;
  }

  /** Input for the guest: kept until the driver has receive buffers for it. */
  receive(text: string): void {
    this.pending.push(this.encoder.encode(text));
    this.host?.queueReady(CONSOLE_RECEIVEQ);
  }

  /** Bytes received but not yet taken by the driver. */
  get pendingBytes(): number {
    let n = 0;
    for (const p of this.pending) n += p.length;
    return n;
  }

  readConfig(littleEndian: boolean): Uint8Array {
    return new ConfigSpace(CONFIG_SIZE, littleEndian).u32(4, 1).bytes;
  }

  /** emerg_wr needs VIRTIO_CONSOLE_F_EMERG_WRITE, which is not offered: nothing to write. */
  writeConfig(): void {}

  reset(): void {
    this.pending = [];
  }

  process(queue: number, vq: SplitVirtqueue): void {
    if (queue === CONSOLE_TRANSMITQ) {
      for (let chain = vq.pop(); chain !== null; chain = vq.pop()) {
        const text = this.decoder.decode(chain.read(0, chain.readableLength), { stream: true });
        this.port.write(text.replaceAll('\r', ''));
        vq.push(chain.head, 0);
      }
      return;
    }
    while (this.pending.length > 0) {
      const chain = vq.pop();
      if (chain === null) return;
      const bytes = this.pending[0];
      const n = chain.write(0, bytes);
      if (n === bytes.length) this.pending.shift();
      else this.pending[0] = bytes.subarray(n);
      vq.push(chain.head, n);
    }
  }
}
