import { Console3215 } from '../io/console3215/console-3215';
import type { LineConsole } from './line-console';
import type { Machine } from './machine';

/**
 * Puts a 3215-style line console at device number `devno` and shows it as the machine's line console
 * `id`: what the program writes appears there, and a line the operator types there goes to the
 * device (attention, then the program's READ INQUIRY).
 */
export function attachConsole3215(
  machine: Machine,
  devno: number,
  id: string,
  title: string,
): { readonly device: Console3215; readonly console: LineConsole } {
  const console = machine.addConsole(id, title);
  const device = new Console3215({ print: (text) => console.write(text) });
  console.onLine((line) => device.type(line));
  machine.attachDevice(devno, device);
  return { device, console };
}
