import type { Cpu, ExternalSource } from './cpu';
import type { ExternalCondition } from './interruptions';

/** External interruption codes and CR0 subclass masks of the SIGP signals (§5.4). */
export const EXT_EMERGENCY_SIGNAL = 0x1201;
export const EXT_EXTERNAL_CALL = 0x1202;
export const CR0_EMERGENCY_SIGNAL = 0x4000;
export const CR0_EXTERNAL_CALL = 0x2000;

/**
 * The SIGP-raised external conditions pending at one CPU (§5.4): emergency signals are pending per
 * sending CPU (several at once, one per sender), an external call at most once. Presenting one
 * clears it; the sender's CPU address goes to low core 0x84.
 */
export class SignalConditions implements ExternalSource {
  /** Senders of pending emergency signals, in arrival order. */
  private readonly emergency: number[] = [];
  /** Sender of the pending external call, or -1. */
  private externalCall = -1;

  get externalCallPending(): boolean {
    return this.externalCall >= 0;
  }

  /** Makes an emergency signal from `sender` pending (a second one from the same sender merges). */
  addEmergencySignal(sender: number): void {
    if (!this.emergency.includes(sender)) this.emergency.push(sender);
  }

  /** Makes an external call from `sender` pending; false when one is already pending. */
  addExternalCall(sender: number): boolean {
    if (this.externalCall >= 0) return false;
    this.externalCall = sender;
    return true;
  }

  /** CPU reset: pending signals are cleared. */
  clear(): void {
    this.emergency.length = 0;
    this.externalCall = -1;
  }

  pending(_cpu: Cpu, cr0: number): boolean {
    return (
      ((cr0 & CR0_EMERGENCY_SIGNAL) !== 0 && this.emergency.length > 0) ||
      ((cr0 & CR0_EXTERNAL_CALL) !== 0 && this.externalCall >= 0)
    );
  }

  /** Emergency signal before external call (their priority among external interruptions). */
  take(_cpu: Cpu, cr0: number): ExternalCondition | null {
    if ((cr0 & CR0_EMERGENCY_SIGNAL) !== 0 && this.emergency.length > 0) {
      const sender = this.emergency.shift() as number;
      return { code: EXT_EMERGENCY_SIGNAL, subclassMask: CR0_EMERGENCY_SIGNAL, cpuAddress: sender };
    }
    if ((cr0 & CR0_EXTERNAL_CALL) !== 0 && this.externalCall >= 0) {
      const sender = this.externalCall;
      this.externalCall = -1;
      return { code: EXT_EXTERNAL_CALL, subclassMask: CR0_EXTERNAL_CALL, cpuAddress: sender };
    }
    return null;
  }
}
