import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Cpu, type StopReason } from '../../engine/arch/cpu';
import type { InterruptionEvent } from '../../engine/arch/interruptions';
import { MainStorage } from '../../engine/arch/main-storage';
import { ElfError, type ElfExecutable, loadElf, parseElf, symbolAddress } from '../../engine/asm/elf-loader';
import { type CliCommand, UsageError } from '../cli-command';

/**
 * `zvlab exec`: one bare CPU in z/Architecture mode, DAT off, no I/O, running an image until a
 * disabled wait, the return of a called function, or an instruction limit.
 *
 * The `--call` convention (s390x ELF ABI): arguments in r2-r6, r15 = stack pointer with the 160-byte
 * register save area below the caller's frame, r14 = return address. The return address holds
 * LPSWE of a disabled-wait PSW whose address is the return address itself, so `br %r14` ends the
 * run in a recognisable wait. New PSWs left zero by the image become disabled waits whose address
 * is the new-PSW slot (0x1D0 = program check), so a fault stops the run instead of looping.
 */

const Z_ARCH_64 = 0x0000_0001_8000_0000n; // PSW EA + BA: 64-bit addressing, all interruptions off
const DISABLED_WAIT = 0x0002_0001_8000_0000n; // the same with the wait bit (PSW bit 14)
/** Return trampoline: LPSWE 0xFF0 at 0xFE0, its wait PSW at 0xFF0 (free OS area of low core, §3.3). */
export const CALL_RETURN_ADDRESS = 0xfe0;
const RETURN_PSW_ADDRESS = 0xff0;
const NEW_PSW_SLOTS = [0x1b0, 0x1c0, 0x1d0, 0x1e0, 0x1f0]; // external, SVC, program, machine check, I/O
const SAVE_AREA = 160;
const STACK_BYTES = 1 << 20;
const MIN_STORAGE = 16 << 20;
const DEFAULT_MAX_INSNS = 100_000_000;

export type ExecStop = 'wait' | 'return' | 'limit' | 'check-stop';

/** A bare machine: storage with the image loaded and the call trampoline in place. */
export interface BareMachine {
  readonly storage: MainStorage;
  /** Initial stack pointer for --call (top of storage minus the save area). */
  readonly stackPointer: number;
  readonly elf: ElfExecutable | null;
}

export interface BareImage {
  readonly elf?: ElfExecutable;
  readonly raw?: { readonly address: number; readonly bytes: Uint8Array };
}

/** Builds storage for an image: defaults in low core first, so the image's own bytes win. */
export function bareMachine(image: BareImage): BareMachine {
  const high = image.elf ? image.elf.highAddress : image.raw ? image.raw.address + image.raw.bytes.length : 0;
  const size = Math.max(MIN_STORAGE, roundUp(high, 1 << 20) + STACK_BYTES);
  const storage = new MainStorage(size);
  for (const slot of NEW_PSW_SLOTS) storage.load(slot, psw(DISABLED_WAIT, BigInt(slot)));
  storage.load(CALL_RETURN_ADDRESS, new Uint8Array([0xb2, 0xb2, 0x0f, 0xf0])); // LPSWE 0xFF0
  storage.load(RETURN_PSW_ADDRESS, psw(DISABLED_WAIT, BigInt(CALL_RETURN_ADDRESS)));
  if (image.elf) loadElf(image.elf, storage);
  if (image.raw) {
    if (image.raw.address + image.raw.bytes.length > size) throw new UsageError('--load: image does not fit');
    storage.load(image.raw.address, image.raw.bytes);
  }
  return { storage, stackPointer: size - SAVE_AREA, elf: image.elf ?? null };
}

const AFP_REGISTER_CONTROL = 1n << 18n;

/** Sets a CPU up to call `address` with `args` in r2-r6 and r14 at the return trampoline. */
export function prepareCall(cpu: Cpu, machine: BareMachine, address: number, args: readonly bigint[]): void {
  if (args.length > 5) throw new UsageError(`--args: at most 5 arguments (r2-r6), got ${args.length}`);
  const trampoline = machine.storage.read(CALL_RETURN_ADDRESS, 4);
  if (trampoline[0] !== 0xb2 || trampoline[1] !== 0xb2) {
    throw new UsageError(
      `--call: the image overwrites the return trampoline at 0x${CALL_RETURN_ADDRESS.toString(16)}`,
    );
  }
  for (let r = 0; r < 16; r++) cpu.setGpr(r, 0n);
  args.forEach((a, i) => {
    cpu.setGpr(2 + i, a);
  });
  cpu.setGpr(14, BigInt(CALL_RETURN_ADDRESS));
  cpu.setGpr(15, BigInt(machine.stackPointer));
  // CR0 bit 45, AFP-register control, as Linux sets it: gcc spills into all 16 FPRs.
  cpu.setCr(0, cpu.getCr(0) | AFP_REGISTER_CONTROL);
  machine.storage.load(machine.stackPointer, new Uint8Array(8)); // back chain 0: outermost frame
  cpu.setPsw(Z_ARCH_64, BigInt(address));
  cpu.start();
}

/** Why the run ended, in exec's terms: a disabled wait at the trampoline is the call's return. */
export function execStop(cpu: Cpu, reason: StopReason): ExecStop {
  if (reason === 'wait') {
    return cpu.getPsw().address === BigInt(CALL_RETURN_ADDRESS) ? 'return' : 'wait';
  }
  return reason === 'limit' ? 'limit' : 'check-stop';
}

/** Runs one call to completion (used by `exec --call` and by the C semantic oracle test). */
export function callFunction(
  machine: BareMachine,
  address: number,
  args: readonly bigint[],
  maxInstructions = DEFAULT_MAX_INSNS,
): { stop: ExecStop; result: bigint; cpu: Cpu; interruptions: InterruptionEvent[] } {
  const interruptions: InterruptionEvent[] = [];
  const cpu = new Cpu({ address: 0, storage: machine.storage, onInterruption: (e) => interruptions.push(e) });
  prepareCall(cpu, machine, address, args);
  const stop = execStop(cpu, cpu.run(maxInstructions));
  return { stop, result: cpu.getGpr(2), cpu, interruptions };
}

export const execCommand: CliCommand = {
  name: 'exec',
  summary: 'run a machine-code image or ELF on one bare CPU until a disabled wait, a return or a limit',
  usage: `zvlab exec FILE [--elf] [--load HEX] [--restart | --psw HEX | --call SYMBOL [--args N,N,...]]
                  [--max-insns N] [--json]

  FILE            a flat image (loaded at --load, default 0) or, with --elf, a static s390x ELF
  --elf           FILE is an ELF executable: segments at their addresses; default PSW = entry, 64-bit
  --load HEX      load address of a flat image (hex)
  --restart       perform a restart interruption first (new PSW from 0x1A0), as Hercules' restart
  --psw HEX       start with this 16-byte PSW (32 hex digits, e.g. 00000001800000000000000000010000)
  --call SYMBOL   call a function (ELF symbol, or a hex address): args in r2-r6, r15 = stack with the
                  160-byte save area, r14 = return address; the result is r2
  --args N,N,...  up to 5 arguments for --call (decimal, -decimal or 0x hex)
  --max-insns N   instruction limit (default ${DEFAULT_MAX_INSNS})
  --json          print one JSON object: stop, psw, gpr, cc, instructions, interruptions

  The CPU is in z/Architecture mode with DAT off. Unset new PSWs are disabled waits at their slot
  address (0x1D0 = program check), so a fault stops the run. Exit code 0, or 1 on a check-stop.`,

  run(args, io) {
    // `--args -1,2` would read as an unknown option to parseArgs: attach a negative list to --args.
    const joined = args.flatMap((a, i) =>
      a === '--args' && /^-\d/.test(args[i + 1] ?? '')
        ? []
        : i > 0 && args[i - 1] === '--args' && /^-\d/.test(a)
          ? [`--args=${a}`]
          : [a],
    );
    const { values, positionals } = parseArgs({
      args: joined,
      allowPositionals: true,
      options: {
        elf: { type: 'boolean', default: false },
        load: { type: 'string' },
        restart: { type: 'boolean', default: false },
        psw: { type: 'string' },
        call: { type: 'string' },
        args: { type: 'string' },
        'max-insns': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
    });
    if (positionals.length !== 1) throw new UsageError('exec takes exactly one image file');
    const starts = [values.restart, values.psw !== undefined, values.call !== undefined].filter(
      Boolean,
    ).length;
    if (starts > 1) throw new UsageError('give at most one of --restart, --psw, --call');
    if (values.args !== undefined && values.call === undefined) throw new UsageError('--args needs --call');
    if (values.elf && values.load !== undefined) throw new UsageError('--load is for flat images, not --elf');
    if (!values.elf && starts === 0) {
      throw new UsageError('a flat image needs --restart, --psw or --call to say where to start');
    }
    const maxInsns = values['max-insns'] === undefined ? DEFAULT_MAX_INSNS : parseCount(values['max-insns']);
    const callArgs = values.args === undefined ? [] : values.args.split(',').map((a) => parseArg(a));
    if (callArgs.length > 5)
      throw new UsageError(`--args: at most 5 arguments (r2-r6), got ${callArgs.length}`);

    const bytes = new Uint8Array(readFileSync(positionals[0]));
    let machine: BareMachine;
    try {
      machine = values.elf
        ? bareMachine({ elf: parseElf(bytes) })
        : bareMachine({
            raw: { address: values.load === undefined ? 0 : parseHex(values.load, '--load'), bytes },
          });
    } catch (error) {
      if (!(error instanceof ElfError)) throw error;
      io.err(`zvlab exec: ${positionals[0]}: ${error.message}\n`);
      return 1;
    }

    const interruptions: InterruptionEvent[] = [];
    const cpu = new Cpu({
      address: 0,
      storage: machine.storage,
      onInterruption: (e) => interruptions.push(e),
    });
    if (values.call !== undefined) {
      let address: number;
      if (/^0x[0-9a-f]+$/i.test(values.call)) address = parseHex(values.call, '--call');
      else if (machine.elf === null) throw new UsageError('--call SYMBOL needs --elf (or give a 0x address)');
      else {
        try {
          address = symbolAddress(machine.elf, values.call);
        } catch (error) {
          io.err(`zvlab exec: ${(error as Error).message}\n`);
          return 1;
        }
      }
      prepareCall(cpu, machine, address, callArgs);
    } else if (values.psw !== undefined) {
      const text = values.psw.replace(/[\s_]/g, '');
      if (!/^[0-9a-f]{32}$/i.test(text))
        throw new UsageError(`--psw: expected 32 hex digits, got '${values.psw}'`);
      cpu.setPsw(BigInt(`0x${text.slice(0, 16)}`), BigInt(`0x${text.slice(16)}`));
      cpu.start();
    } else if (values.restart) {
      cpu.restartInterruption();
    } else {
      cpu.setPsw(Z_ARCH_64, BigInt(machine.elf!.entry));
      cpu.start();
    }

    const stop = execStop(cpu, cpu.run(maxInsns));
    const gpr = Array.from({ length: 16 }, (_, r) => hex64(cpu.getGpr(r)));
    if (values.json) {
      const summary = {
        stop,
        psw: cpu.pswHex(),
        gpr,
        cc: cpu.cc,
        instructions: cpu.instructionCount,
        interruptions: interruptions.map((e) => ({ class: e.class, code: e.code, psw: e.oldPsw })),
        ...(values.call === undefined ? {} : { result: gpr[2] }),
        ...(stop === 'check-stop' ? { checkStop: cpu.checkStopReason } : {}),
      };
      io.out(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      const lines = [
        `stop: ${stop} after ${cpu.instructionCount} instructions`,
        `PSW ${cpu.pswHex()}  CC ${cpu.cc}`,
      ];
      if (stop === 'check-stop') lines.push(`check-stop: ${cpu.checkStopReason}`);
      for (let r = 0; r < 16; r += 4) {
        lines.push(
          `R${r.toString(16).toUpperCase()}-R${(r + 3).toString(16).toUpperCase()} ${gpr
            .slice(r, r + 4)
            .map((g) => g.slice(2))
            .join(' ')}`,
        );
      }
      for (const e of interruptions) {
        lines.push(
          `interruption: ${e.class} code 0x${e.code.toString(16).padStart(4, '0')} old PSW ${e.oldPsw}`,
        );
      }
      if (values.call !== undefined) {
        const r2 = cpu.getGpr(2);
        lines.push(`result r2 = ${hex64(r2)} (${BigInt.asIntN(64, r2)})`);
      }
      io.out(`${lines.join('\n')}\n`);
    }
    return stop === 'check-stop' ? 1 : 0;
  },
};

function psw(mask: bigint, address: bigint): Uint8Array {
  const bytes = new Uint8Array(16);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, mask);
  view.setBigUint64(8, address);
  return bytes;
}

function hex64(v: bigint): string {
  return `0x${BigInt.asUintN(64, v).toString(16).padStart(16, '0')}`;
}

function roundUp(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

function parseHex(text: string, option: string): number {
  const t = text.replace(/^0x/i, '');
  if (!/^[0-9a-f]{1,13}$/i.test(t)) throw new UsageError(`${option}: expected a hex address, got '${text}'`);
  return Number.parseInt(t, 16);
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text)) throw new UsageError(`--max-insns: expected a positive integer, got '${text}'`);
  return Number(text);
}

function parseArg(text: string): bigint {
  const t = text.trim();
  if (!/^-?(0x[0-9a-f]+|\d+)$/i.test(t)) throw new UsageError(`--args: '${text}' is not a number`);
  const negative = t.startsWith('-');
  const magnitude = BigInt(negative ? t.slice(1) : t);
  if (magnitude >= 1n << 64n) throw new UsageError(`--args: '${text}' does not fit in 64 bits`);
  return BigInt.asUintN(64, negative ? -magnitude : magnitude);
}
