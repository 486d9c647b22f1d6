/**
 * The guest state SIE keeps apart from the host's (reference/domain-architecture.md §10.4): what a
 * TypeScript host saves and restores (GuestVcpu.saveState/loadState), and what the SIE instruction
 * reads from and writes back to a state description in host storage. The guest's storage keys are
 * not here: they belong to the guest's storage (GuestStorage), shared by its vCPUs.
 */
export interface GuestState {
  /** PSW bits 0-63 (CC included) and the instruction address. */
  readonly pswMask: bigint;
  readonly pswAddress: bigint;
  readonly gprs: readonly bigint[];
  readonly crs: readonly bigint[];
  readonly fprs: readonly bigint[];
  readonly prefix: number;
  readonly cpuTimer: bigint;
  readonly clockComparator: bigint;
  /** TOD epoch difference: guest TOD = host TOD + epoch. */
  readonly epoch: bigint;
  /** ICTL_* and ECA_* words (interception.ts). */
  readonly interceptionControls: number;
  readonly executionControls: number;
}

/**
 * Offsets in the 512-byte z/Architecture state description (Hercules SIE2BK / KVM kvm_s390_sie_block,
 * §10.4 and domain-hypervisors.md §4.2).
 */
export const SD_SIZE = 512;
/** Intervention requests (byte): 0x01 external, 0x02 I/O, 0x04 stop. */
export const SD_INTERVENTIONS = 0x000;
export const SD_PREFIX = 0x004;
export const SD_CPU_TIMER = 0x028;
export const SD_CLOCK_COMPARATOR = 0x030;
export const SD_EPOCH = 0x038;
export const SD_INTERCEPTION_CONTROLS = 0x048;
export const SD_EXECUTION_CONTROLS = 0x04c;
export const SD_INTERCEPTION_CODE = 0x050;
export const SD_IPA = 0x056;
export const SD_IPB = 0x058;
export const SD_MSO = 0x080;
export const SD_MSE = 0x088;
export const SD_PSW = 0x090;
export const SD_GR14 = 0x0a0;
export const SD_GR15 = 0x0a8;
/** External interruption parameters for 16/20: parameter, CPU address, code. */
export const SD_EXT_PARAMETER = 0x0c0;
export const SD_EXT_CPU_ADDRESS = 0x0c4;
export const SD_EXT_CODE = 0x0c6;
/** Program interruption for 8/12/44: ILC and code. */
export const SD_PGM_ILC = 0x0cc;
export const SD_PGM_CODE = 0x0ce;
/** I/O interruption for 24/60: subsystem ID, parameter, identification word. */
export const SD_IO_SUBSYSTEM_ID = 0x0e8;
export const SD_IO_PARAMETER = 0x0ec;
export const SD_IO_ID_WORD = 0x0f0;
export const SD_CRS = 0x100;

export const INTERVENTION_EXTERNAL = 0x01;
export const INTERVENTION_IO = 0x02;
export const INTERVENTION_STOP = 0x04;
