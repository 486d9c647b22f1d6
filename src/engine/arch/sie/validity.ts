import {
  ICPT_VALIDITY,
  type SieExit,
  sieExit,
  VALIDITY_STORAGE_OUTSIDE_HOST,
  VALIDITY_STORAGE_UNDEFINED,
} from './interception';

/** A validity interception (32) with its reason in IPB bits 0-15, where KVM reads it. */
export function validityExit(reason: number, detail: string): SieExit {
  return sieExit('interception', ICPT_VALIDITY, {
    validityReason: reason,
    ipb: (reason << 16) >>> 0,
    detail,
  });
}

/** Checks a state description's guest storage [origin, limit) against the host storage size. */
export function sieValidity(origin: number, limit: number, hostSize: number): SieExit | null {
  if (!(limit > origin)) return validityExit(VALIDITY_STORAGE_UNDEFINED, 'main-storage extent below origin');
  if (limit > hostSize) {
    return validityExit(
      VALIDITY_STORAGE_OUTSIDE_HOST,
      `guest storage ends at ${limit.toString(16)}, beyond host storage`,
    );
  }
  return null;
}
