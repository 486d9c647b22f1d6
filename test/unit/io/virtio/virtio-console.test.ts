import { describe, expect, it } from 'vitest';
import { VirtioCcwDevice } from '../../../../src/engine/io/virtio/virtio-ccw-device';
import { type ConsolePort, VirtioConsole } from '../../../../src/engine/io/virtio/virtio-console';
import { DriverQueue, F_WRITE, QUEUE_INDICATOR, initialize, recordingContext } from './virtio-harness';

class TestPort implements ConsolePort {
  output = '';
  private handler: (line: string) => void = () => {};
  write(text: string): void {
    this.output += text;
  }
  onLine(handler: (line: string) => void): void {
    this.handler = handler;
  }
  type(line: string): void {
    this.handler(line);
  }
}

function setup() {
  const context = recordingContext();
  const port = new TestPort();
  const model = new VirtioConsole(port);
  const device = new VirtioCcwDevice(model);
  device.attach(context);
  const rx = new DriverQueue(context.storage, 4, 0x10000, 0x10100, 0x10200);
  const tx = new DriverQueue(context.storage, 4, 0x11000, 0x11100, 0x11200);
  initialize(device, [rx, tx]);
  return { context, port, model, device, rx, tx, storage: context.storage };
}

describe('virtio-console', () => {
  it('is device 3 with receiveq and transmitq and one port in its configuration', () => {
    const { device } = setup();
    expect(device.senseId()[3]).toBe(3);
    const config = device.execute({
      code: 0x22,
      count: 12,
      data: new Uint8Array(),
      first: true,
      chained: false,
    });
    expect([...config.data!.subarray(4, 8)]).toEqual([1, 0, 0, 0]);
  });

  it('shows the transmit queue on the console port (UTF-8, carriage returns dropped) and signals queue 1', () => {
    const { storage, tx, device, port } = setup();
    const bytes = new TextEncoder().encode('Hello, z\u00e9d\r\n');
    storage.write(0x20000, bytes);
    tx.descriptor(0, 0x20000, bytes.length, 0);
    tx.offer(0);
    device.notify(1);
    expect(port.output).toBe('Hello, z\u00e9d\n');
    expect(tx.usedElement(0)).toEqual({ id: 0, len: 0 });
    expect(storage.readU32(QUEUE_INDICATOR + 4)).toBe(2);
  });

  it('keeps operator input until the driver offers receive buffers, splitting it across them', () => {
    const { storage, rx, device, port, model } = setup();
    port.type('abcdef');
    expect(model.pendingBytes).toBe(7);
    rx.descriptor(0, 0x20000, 4, F_WRITE);
    rx.descriptor(1, 0x20010, 16, F_WRITE);
    rx.offer(0);
    device.notify(0);
    expect(rx.usedElement(0)).toEqual({ id: 0, len: 4 });
    expect(model.pendingBytes).toBe(3);
    rx.offer(1);
    device.notify(0);
    expect(rx.usedElement(1)).toEqual({ id: 1, len: 3 });
    expect(new TextDecoder().decode(storage.read(0x20000, 4))).toBe('abcd');
    expect(new TextDecoder().decode(storage.read(0x20010, 3))).toBe('ef\n');
    expect(storage.readU32(QUEUE_INDICATOR + 4)).toBe(1);
  });

  it('input arriving while a receive buffer waits is delivered at once; a reset drops what is pending', () => {
    const { rx, device, port, model, context } = setup();
    rx.descriptor(0, 0x20000, 8, F_WRITE);
    rx.offer(0);
    device.notify(0);
    expect(rx.usedIndex()).toBe(0);
    port.type('x');
    expect(rx.usedElement(0)).toEqual({ id: 0, len: 2 });
    expect(context.unsolicitedCalls.length).toBe(1);
    port.type('later');
    device.execute({ code: 0x33, count: 0, data: new Uint8Array(), first: true, chained: false });
    expect(model.pendingBytes).toBe(0);
  });
});
