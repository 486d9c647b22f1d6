* virtio-driver: a bare-metal virtio-ccw driver for zvlab
* (z/Architecture, 64-bit, DAT off); reference/domain-architecture 9.
*
* It drives a virtio-blk device on subchannel 0 (devno 0100) with
* classic indicators and a virtio-console on subchannel 1 (devno 0101)
* with adapter (thin) indicators, the way a guest OS does:
*   MSCH enable (ISC 3), SENSE ID (CU 3832), SET_VIRTIO_REV 2,
*   VDEV_RESET, WRITE_STATUS ACKNOWLEDGE and DRIVER, READ_FEAT and
*   WRITE_FEAT for words 0 and 1 (VERSION_1 required), WRITE_STATUS
*   FEATURES_OK and READ_STATUS to see that it stuck, READ_VQ_CONF and
*   SET_VQ per queue, SET_IND or SET_IND_ADAPTER, SET_CONF_IND,
*   READ_CONF (the block capacity), WRITE_STATUS DRIVER_OK.
* Then it writes sector 2, reads it back through an indirect descriptor
* table, compares the two, and writes a line on the console.
* Notifications go out by DIAGNOSE X'500' subcode 3 and come back as
* I/O interruptions. Success is a disabled wait at address 0; a failure
* is a disabled wait whose address is the number of the failed step
* (R15 at FAIL), a program check one at X'DEAD'. For the host: CAPACITY
* (doubleword, sectors) and the last IRB.
*
* Virtio 1.x rings, descriptors and the block request header are
* little-endian: values are byte-reversed with LRVR/LRVGR before they
* are stored. Channel-command payloads are big-endian.
*
VIRTIO   START X'2000'
         BASR  12,0
         USING *,12
         LARL  13,DATA
         USING DATA,13
*        ---- new PSWs and the I/O interruption subclass mask ----
*        program check: disabled wait X'DEAD'
         MVC   X'1D0'(16),PGMPSW
*        I/O: disabled, 64-bit; address set per wait
         MVC   X'1F0'(16),IONEW
         LCTL  6,6,CR6ISC3          CR6: ISC 3 enabled
*        ---- virtio-blk on subchannel 0 ----
         L     1,=X'00010000'
         LA    10,BLKPARM
         BRAS  14,INIT
         LG    0,CONFBUF            capacity: le64 at config offset 0
         LRVGR 0,0
         STG   0,CAPACITY
         LHI   15,40
         CGHI  0,3                  sectors 0-2 at least
         JL    FAIL
*        write request: header (OUT, sector 2), 512 data bytes, status
         LA    3,0
         LA    4,WBUF
*        byte i = i mod 256 (+1 so it is not all zero)
FILL     STC   3,0(3,4)
         LA    3,1(,3)
         CHI   3,512
         JL    FILL
         OI    WBUF,X'80'
         MVC   BHDR(16),HDROUT
         LG    4,=AD(BLKQ)
         LA    5,0
         LA    6,BHDR
         LA    7,16
         LA    8,1                  NEXT
         LA    9,1
         BRAS  14,DESC
         LA    5,1
         LA    6,WBUF
         LHI   7,512
         LA    8,1                  NEXT
         LA    9,2
         BRAS  14,DESC
         LA    5,2
         LA    6,BSTAT
         LA    7,1
         LA    8,2                  WRITE
         LA    9,0
         BRAS  14,DESC
         MVI   BSTAT,X'FF'
         LA    5,0                  head 0
         BRAS  14,OFFER
         LA    3,0                  queue 0
         BRAS  14,KICK
         BRAS  14,WAITCLAS
         LHI   15,41
         LA    3,1
         BRAS  14,USEDIX            used.idx must be 1
         CLI   BSTAT,0              VIRTIO_BLK_S_OK
         JNE   FAIL
*        read request through an indirect table: header (IN, sector 2),
*        512 bytes, status
         MVC   BHDR(16),HDRIN
         LA    4,INDTAB
         LA    5,0
         LA    6,BHDR
         LA    7,16
         LA    8,1                  NEXT
         LA    9,1
         BRAS  14,DESC
         LA    5,1
         LA    6,RBUF
         LHI   7,512
         LA    8,3                  NEXT + WRITE
         LA    9,2
         BRAS  14,DESC
         LA    5,2
         LA    6,BSTAT
         LA    7,1
         LA    8,2                  WRITE
         LA    9,0
         BRAS  14,DESC
         LG    4,=AD(BLKQ)
         LA    5,3
         LA    6,INDTAB
         LA    7,48
         LA    8,4                  INDIRECT
         LA    9,0
         BRAS  14,DESC
         MVI   BSTAT,X'FF'
         LA    5,3                  head 3
         BRAS  14,OFFER
         LA    3,0
         BRAS  14,KICK
         BRAS  14,WAITCLAS
         LHI   15,42
         LA    3,2
         BRAS  14,USEDIX
         CLI   BSTAT,0
         JNE   FAIL
         LHI   15,43
         CLC   WBUF(256),RBUF
         JNE   FAIL
         CLC   WBUF+256(256),RBUF+256
         JNE   FAIL
*        ---- virtio-console on subchannel 1 ----
         L     1,=X'00010001'
         LA    10,CONPARM
         BRAS  14,INIT
         L     4,=A(CONQ1)
         LA    5,0
         LA    6,MSG
         LA    7,MSGLEN
         LA    8,0
         LA    9,0
         BRAS  14,DESC
         LA    5,0
         BRAS  14,OFFER
         LA    3,1                  transmitq
         BRAS  14,KICK
*        adapter interruption: identification word bit 0, summary byte,
*        indicator bit 1 (queue 1)
         LARL  3,ADONE
         STG   3,X'1F8'
         LPSWE IOWAIT
ADONE    LHI   15,50
         TM    X'C0',X'80'
         JNO   FAIL
         LHI   15,51
         CLI   SUMIND,1
         JNE   FAIL
         LHI   15,52
         TM    CONIND,X'40'
         JNO   FAIL
         MVI   SUMIND,0
         MVI   CONIND,0
         LHI   15,53
         LA    3,1
         BRAS  14,USEDIX
         LPSWE DONEPSW
*
* INIT: the initialization sequence for the device on SID R1 described
* by the block at R10.
INIT     STG   14,INITRET
         LHI   15,1
         STSCH SCHIB
         JNZ   FAIL
         LHI   15,2
         CLC   SCHIB+6(2),PDEVNO(10)
         JNE   FAIL
         OI    SCHIB+5,X'80'        E: enabled
         OI    SCHIB+4,X'18'        ISC 3
         LHI   15,3
         MSCH  SCHIB
         JNZ   FAIL
         LHI   15,4
         L     3,=X'E4000008'       SENSE ID
         LA    4,SENSEBUF
         BRAS  9,CMD
         LHI   15,5
         CLC   SENSEBUF(3),=X'FF3832'
         JNE   FAIL
         CLC   SENSEBUF+3(1),PDEVID(10)
         JNE   FAIL
         LHI   15,6
         L     3,=X'83000004'       SET_VIRTIO_REV 2
         LA    4,REVINFO
         BRAS  9,CMD
         LHI   15,7
         L     3,=X'33000000'       VDEV_RESET
         LA    4,0
         BRAS  9,CMD
         LHI   15,8
         MVI   STATUSB,1            ACKNOWLEDGE
         BRAS  9,WSTATUS
         MVI   STATUSB,3            ACKNOWLEDGE + DRIVER
         BRAS  9,WSTATUS
         LHI   15,9
*        feature word 0: take what is offered
         MVI   FEATDESC+4,0
         L     3,=X'12000005'       READ_FEAT
         LA    4,FEATDESC
         BRAS  9,CMD
         L     3,=X'11000005'       WRITE_FEAT
         BRAS  9,CMD
         LHI   15,10
         MVI   FEATDESC+4,1         feature word 1: VERSION_1 (bit 32)
         L     3,=X'12000005'
         BRAS  9,CMD
         TM    FEATDESC,X'01'
         JNO   FAIL
         MVC   FEATDESC(4),=X'01000000'
         L     3,=X'11000005'
         BRAS  9,CMD
         LHI   15,11
         MVI   STATUSB,11           + FEATURES_OK
         BRAS  9,WSTATUS
         MVI   STATUSB,0
         L     3,=X'72000001'       READ_STATUS (revision 2)
         LA    4,STATUSB
         BRAS  9,CMD
         CLI   STATUSB,11
         JNE   FAIL
*        queues: READ_VQ_CONF (maximum at least 8), then SET_VQ with 8
*        entries
         LA    5,0                  queue index
         LA    6,PQUEUES(10)
QLOOP    LHI   15,12
         STH   5,VQCONF
         L     3,=X'32000004'       READ_VQ_CONF
         LA    4,VQCONF
         BRAS  9,CMD
         CLC   VQCONF+2(2),=H'8'
         JL    FAIL
         LHI   15,13
         XC    VQINFO(32),VQINFO
*        ring area: descriptors +0, driver +256, device +512
         L     7,0(,6)
         STG   7,VQINFO
         STH   5,VQINFO+12
         MVC   VQINFO+14(2),=H'8'
         LA    8,256(,7)
         STG   8,VQINFO+16
         LA    8,512(,7)
         STG   8,VQINFO+24
         L     3,=X'13000020'       SET_VQ
         LA    4,VQINFO
         BRAS  9,CMD
         LA    5,1(,5)
         LA    6,4(,6)
         CH    5,PNQ(10)
         JL    QLOOP
         LHI   15,14
*        SET_IND or SET_IND_ADAPTER, its count
         L     3,PINDCMD(10)
         L     4,PINDARG(10)
         BRAS  9,CMD
         LHI   15,15
         L     3,=X'53000008'       SET_CONF_IND
         LA    4,CONFINDA
         BRAS  9,CMD
         LHI   15,16
         L     3,=X'22000008'       READ_CONF: the first 8 bytes
         LA    4,CONFBUF
         BRAS  9,CMD
         LHI   15,17
         MVI   STATUSB,15           + DRIVER_OK
         BRAS  9,WSTATUS
         LG    14,INITRET
         BR    14
*
* WSTATUS: WRITE_STATUS with STATUSB (return on R9).
WSTATUS  LR    11,9
         L     3,=X'31000001'
         LA    4,STATUSB
         BRAS  9,CMD
         BR    11
*
* CMD: one format-1 CCW (R3 = command, flags, count; R4 = data address)
* as a channel program on
* SID R1; waits for its ending interruption and wants channel end +
* device end only (return R9).
CMD      ST    3,CCW
         ST    4,CCW+4
         LA    3,CCW
         ST    3,ORB+8
         SSCH  ORB
         JNZ   FAIL
         LARL  3,CMDDONE
         STG   3,X'1F8'
         LPSWE IOWAIT
*        the interruption is this subchannel's
CMDDONE  C     1,X'B8'
         JNE   FAIL
         TSCH  IRB
         JNZ   FAIL
*        device status: channel end + device end
         CLI   IRB+8,X'0C'
         JNE   FAIL
         CLI   IRB+9,0              subchannel status
         JNE   FAIL
         BR    9
*
* DESC: descriptor R5 of the table at R4: address R6, length R7, flags
* R8, next R9 (little-endian).
DESC     SLLG  3,5,4
         AGR   3,4
         LRVGR 0,6
         STG   0,0(,3)
         LRVR  0,7
         ST    0,8(,3)
         LRVR  0,8
         SRL   0,16
         STH   0,12(,3)
         LRVR  0,9
         SRL   0,16
         STH   0,14(,3)
         BR    14
*
* OFFER: puts head R5 into the driver ring of the queue at R4 and
* advances its index (size 8).
*        flags and idx, reversed: idx in bits 32-47
OFFER    LRV   0,256(,4)
         SRL   0,16
         LR    3,0
         NILL  3,7                  slot = idx mod 8
         SLL   3,1
         LA    3,260(3,4)
         LRVR  8,5
         SRL   8,16
         STH   8,0(,3)              ring[slot] = head
         AHI   0,1
         LRVR  0,0
         SRL   0,16
         STH   0,258(,4)            idx + 1
         BR    14
*
* KICK: DIAGNOSE X'500' subcode 3 for queue R3 of SID R1; GR2 must come
* back 0.
KICK     LR    8,1
         LR    0,3
         LA    1,3
         LLGFR 2,8
         LLGFR 3,0
         DIAG  2,4,X'500'
         LR    1,8
         LHI   15,30
         LTGR  2,2
         JNZ   FAIL
         BR    14
*
* WAITCLAS: waits for the classic notification of virtio-blk queue 0:
* an alert interruption of
* SID R1 (TSCH), then indicator bit 0 of the queue-indicator
* doubleword, which it clears.
WAITCLAS LARL  3,CLASDONE
         STG   3,X'1F8'
         LPSWE IOWAIT
CLASDONE LHI   15,31
         C     1,X'B8'
         JNE   FAIL
         TSCH  IRB
         JNZ   FAIL
         LHI   15,32
         TM    IRB+3,X'10'          status control: alert
         JNO   FAIL
         LHI   15,33
         TM    BLKIND+7,X'01'       queue 0
         JNO   FAIL
         XC    BLKIND,BLKIND
         BR    14
*
* USEDIX: the device ring of the queue at R4 must have used.idx = R3
* (R15 = step on failure).
USEDIX   LRV   0,512(,4)
         SRL   0,16
         CR    0,3
         JNE   FAIL
         BR    14
*
* FAIL: disabled wait with the step number (R15) as the address.
FAIL     STG   15,FAILPSW+8
         LPSWE FAILPSW
*
         LTORG
         DS    0D
DATA     DS    0D
PGMPSW   DC    X'0002000180000000',AD(X'DEAD')
IONEW    DC    X'0000000180000000',AD(0)
IOWAIT   DC    X'0202000180000000',AD(0)
DONEPSW  DC    X'0002000180000000',AD(0)
FAILPSW  DC    X'0002000180000000',AD(0)
CR6ISC3  DC    X'10000000'
ORB      DC    X'00000000',X'0080FF00',A(0)
CCW      DC    2F'0'
INITRET  DC    AD(0)
CAPACITY DC    AD(0)
*        classic queue indicators (virtio-blk)
BLKIND   DC    AD(0)
CONFIND  DC    AD(0)                configuration-change indicators
CONFINDA DC    AD(CONFIND)
*        adapter summary indicator (virtio-console)
SUMIND   DC    X'00'
CONIND   DC    X'00'                adapter queue indicators, bit_nr 0
STATUSB  DC    X'00'
         DS    0F
REVINFO  DC    H'2',H'0'
FEATDESC DC    XL5'00'
         DS    0D
VQCONF   DC    2H'0'
         DS    0D
VQINFO   DC    XL32'00'
SENSEBUF DC    XL8'00'
CONFBUF  DC    XL8'00'
         DS    0F
IRB      DC    XL96'00'
SCHIB    DC    XL52'00'
         DS    0D
*        block request headers: type OUT or IN, reserved, sector 2
HDROUT   DC    X'01000000',X'00000000',X'0200000000000000'
HDRIN    DC    X'00000000',X'00000000',X'0200000000000000'
BHDR     DC    XL16'00'
BSTAT    DC    X'00'
*        "Hello from the virtio console" + LF, in ASCII
MSG      DC    X'48656C6C6F2066726F6D20746865'
         DC    X'207669727469',X'6F20636F6E736F6C650A'
MSGLEN   EQU   *-MSG
*        device blocks: devno, device id, queue count, indicator
*        command word and payload, rings
PDEVNO   EQU   0
PDEVID   EQU   2
PNQ      EQU   4
PINDCMD  EQU   8
PINDARG  EQU   12
PQUEUES  EQU   16
         DS    0F
BLKPARM  DC    X'0100',X'02',X'00',H'1',H'0',X'43000008',A(BLKINDA)
         DC    A(BLKQ)
CONPARM  DC    X'0101',X'03',X'00',H'2',H'0',X'73000019',A(THININT)
         DC    A(CONQ0),A(CONQ1)
BLKINDA  DC    AD(BLKIND)
*        SET_IND_ADAPTER: summary, indicators, bit_nr 0, ISC 3
THININT  DC    AD(SUMIND),AD(CONIND),AD(0),X'03'
*        areas outside the program: descriptor table +0, driver ring
*        +256, device ring +512
BLKQ     EQU   X'10000'
CONQ0    EQU   X'11000'
CONQ1    EQU   X'12000'
         DS    0D
INDTAB   DS    XL48
WBUF     DS    XL512
RBUF     DS    XL512
         END
