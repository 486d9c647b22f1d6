import type { DiagnoseHook } from '../../arch/cpu';
import type { CcwDevice } from '../channel/ccw-device';
import { NOTIFY_EINVAL } from './virtio-ccw-device';

/*
 * DIAGNOSE 0x500, the KVM hypercall (reference/domain-architecture.md §9.4, §10.5): subcode 3 in
 * GR1 is the virtio-ccw guest-to-host notification, GR2 bits 32-63 the subchannel's
 * subsystem-identification word, GR3 the virtqueue index; the result (the host cookie, 0, or a
 * negative errno) replaces GR2. The registers are fixed whatever R1 and R3 say (Linux codes
 * `diag 2,4,0x500`).
 */

export const DIAG_KVM_HYPERCALL = 0x500;
export const DIAG_500_VIRTIO_CCW_NOTIFY = 3;

/** The device on subchannel `n` of subchannel set 0, if there is one. */
export type SubchannelDevices = (n: number) => CcwDevice | undefined;

/** A subsystem-identification word of subchannel set 0 (§6.1: 0x0001nnnn): bit 15 one, bits 0-14 zero. */
const SID_SET0 = 0x0001;

/**
 * A DIAGNOSE hook for code 0x500 subcode 3; it declines everything else (false: the CPU raises a
 * specification exception, as QEMU does for codes it does not implement).
 */
export function virtioNotifyHook(devices: SubchannelDevices): DiagnoseHook {
  return (cpu, _r1, _r3, address) => {
    if ((address & 0xffff) !== DIAG_KVM_HYPERCALL) return false;
    if (cpu.gl[1] !== DIAG_500_VIRTIO_CCW_NOTIFY || cpu.gh[1] !== 0) return false;
    const sid = cpu.gl[2] >>> 0;
    const device = sid >>> 16 === SID_SET0 ? devices(sid & 0xffff) : undefined;
    const result = device?.notify?.(cpu.gl[3] >>> 0) ?? NOTIFY_EINVAL;
    cpu.gh[2] = result < 0 ? -1 : 0;
    cpu.gl[2] = result;
    return true;
  };
}
