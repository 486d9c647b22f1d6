/*
 * Device status bits and the transport feature bits (reference/domain-architecture.md §9.2, §9.3).
 * Feature bits are numbered 0-63; word 0 holds bits 0-31, word 1 bits 32-63 (READ_FEAT index).
 */

export const STATUS_ACKNOWLEDGE = 1;
export const STATUS_DRIVER = 2;
export const STATUS_DRIVER_OK = 4;
export const STATUS_FEATURES_OK = 8;
export const STATUS_DEVICE_NEEDS_RESET = 64;
export const STATUS_FAILED = 128;

/** Bit 28 (word 0): descriptors may point to a table of descriptors. */
export const FEATURE_INDIRECT_DESC = 1 << 28;
/** Bit 32 = word 1, bit 0: a virtio 1.x (non-legacy) driver. */
export const FEATURE_VERSION_1_WORD1 = 1 << 0;
