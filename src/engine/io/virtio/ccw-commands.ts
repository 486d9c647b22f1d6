/*
 * The virtio-ccw channel commands and their payload sizes (reference/domain-architecture.md §9.2;
 * virtio 1.x spec, "Virtio Over Channel I/O"). The payload structures are big-endian and packed.
 */

/** SENSE ID control-unit type of every virtio-ccw device; the CU model is the virtio device id (§9.1). */
export const VIRTIO_CCW_CU_TYPE = 0x3832;

export const CCW_NOP = 0x03;
export const CCW_SENSE = 0x04;
export const CCW_SET_VQ = 0x13;
export const CCW_VDEV_RESET = 0x33;
export const CCW_READ_FEAT = 0x12;
export const CCW_WRITE_FEAT = 0x11;
export const CCW_READ_CONF = 0x22;
export const CCW_WRITE_CONF = 0x21;
export const CCW_WRITE_STATUS = 0x31;
export const CCW_READ_STATUS = 0x72;
export const CCW_READ_VQ_CONF = 0x32;
export const CCW_SET_IND = 0x43;
export const CCW_SET_CONF_IND = 0x53;
export const CCW_SET_IND_ADAPTER = 0x73;
export const CCW_SET_VIRTIO_REV = 0x83;

/** `struct virtio_feature_desc { le32 features; u8 index; }` */
export const FEATURE_DESC_SIZE = 5;
/** `struct vq_config_block { be16 index; be16 max_queue_size; }` */
export const VQ_CONFIG_SIZE = 4;
/** Revision >= 1 `struct vq_info_block { be64 desc; be32 res0; be16 index; be16 size; be64 driver; be64 device; }` */
export const VQ_INFO_SIZE = 32;
/** Revision 0 `struct vq_info_block_legacy { be64 queue; be32 align; be16 index; be16 size; }` */
export const VQ_INFO_LEGACY_SIZE = 16;
/** `struct virtio_thinint_area { be64 summary_indicator; be64 indicator; be64 bit_nr; u8 isc; }` */
export const THININT_AREA_SIZE = 25;
/** `struct virtio_rev_info { be16 revision; be16 length; u8 data[]; }` without data. */
export const REV_INFO_SIZE = 4;
/** A guest address of an indicator doubleword (SET_IND, SET_CONF_IND). */
export const INDICATOR_ADDRESS_SIZE = 8;

/** Revision 0 legacy, 1 virtio 1.x, 2 adds READ_STATUS. */
export const MAX_REVISION = 2;
/** The only ring alignment a legacy (revision 0) driver may ask for (QEMU accepts nothing else). */
export const LEGACY_VRING_ALIGN = 4096;
/** Bytes of BASIC SENSE data (QEMU keeps 32; byte 0 carries the common sense bits). */
export const SENSE_BYTES = 32;
