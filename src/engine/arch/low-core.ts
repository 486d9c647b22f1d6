/**
 * z/Architecture low core: fields of the first 8 KiB of a CPU's prefix area
 * (reference/domain-architecture.md §3.3). Offsets are real addresses, reached through prefixing.
 */
export const LC_EXT_PARAMETER = 0x080;
export const LC_EXT_CPU_ADDRESS = 0x084;
export const LC_EXT_CODE = 0x086;
export const LC_SVC_ILC = 0x088;
export const LC_SVC_CODE = 0x08a;
export const LC_PGM_ILC = 0x08c;
export const LC_PGM_CODE = 0x08e;
export const LC_DATA_EXCEPTION_CODE = 0x090;
export const LC_TEID = 0x0a8;
export const LC_SUBSYSTEM_ID = 0x0b8;
export const LC_IO_PARAMETER = 0x0bc;
export const LC_IO_ID_WORD = 0x0c0;
export const LC_FACILITY_LIST = 0x0c8;
export const LC_MCHECK_CODE = 0x0e8;

export const LC_RESTART_OLD_PSW = 0x120;
export const LC_EXTERNAL_OLD_PSW = 0x130;
export const LC_SVC_OLD_PSW = 0x140;
export const LC_PROGRAM_OLD_PSW = 0x150;
export const LC_MCHECK_OLD_PSW = 0x160;
export const LC_IO_OLD_PSW = 0x170;
export const LC_RESTART_NEW_PSW = 0x1a0;
export const LC_EXTERNAL_NEW_PSW = 0x1b0;
export const LC_SVC_NEW_PSW = 0x1c0;
export const LC_PROGRAM_NEW_PSW = 0x1d0;
export const LC_MCHECK_NEW_PSW = 0x1e0;
export const LC_IO_NEW_PSW = 0x1f0;

/** The prefix area is 8 KiB (two frames). */
export const PREFIX_AREA_SIZE = 0x2000;
/** z/Architecture prefix register: bits 33-50 (8 KiB-aligned real address below 2 GiB). */
export const PREFIX_MASK = 0x7fff_e000;
