* Copy on write and a region fault, bare metal, in a 64-bit space:
* a region-third table (ASCE type 01) over one segment table and one
* page table. Virtual page X'90000' shares frame X'40000' read-only.
* 1. A store into it is a protection exception (0x04) with TEID bit 61
*    (DAT protection); the handler copies the frame to X'41000',
*    invalidates the old entry with IPTE, maps the copy writable, backs
*    the old PSW up by the ILC (protection suppresses) and retries.
* 2. A load from 4 GiB + X'90010' finds region-third entry 2 invalid
*    (0x3B); the handler points it at the segment table of entry 0 and
*    retries the nullified load, which then sees the copied page.
* Ends in a disabled wait: address 0 = success, else the failed check.
COW      START X'2000'
R3TAB    EQU   X'20000'           region-third table, TL 0
SEGTAB   EQU   X'21000'           segment table of region 0
PAGETAB  EQU   X'22000'           page table of segment 0
SHARED   EQU   X'40000'           the read-only frame
COPY     EQU   X'41000'           its private copy
PAGE     EQU   X'90000'           the virtual page
         BASR  12,0
         USING *,12
         MVC   464(16,0),PGMNEW   program new PSW
* Region-third table: entry 0 -> segment table, the rest invalid.
         L     1,=A(R3TAB)
         LHI   2,512
         LGHI  3,X'24'            invalid, table type 01
RTLOOP   STG   3,0(,1)
         LA    1,8(,1)
         BRCT  2,RTLOOP
         L     1,=A(R3TAB)
         LG    3,=AD(SEGTAB+X'04')
         STG   3,0(,1)
* Segment table: entry 0 -> page table, the rest invalid.
         L     1,=A(SEGTAB)
         LHI   2,512
         LGHI  3,X'20'
STLOOP   STG   3,0(,1)
         LA    1,8(,1)
         BRCT  2,STLOOP
         L     1,=A(SEGTAB)
         LG    3,=AD(PAGETAB)
         STG   3,0(,1)
* Page table: X'00'-X'7F' identity, the rest invalid, X'90' shared.
         L     1,=A(PAGETAB)
         SGR   3,3
         LHI   2,128
PTLOW    STG   3,0(,1)
         LA    1,8(,1)
         AGHI  3,4096
         BRCT  2,PTLOW
         LGHI  3,X'400'
         LHI   2,128
PTHIGH   STG   3,0(,1)
         LA    1,8(,1)
         BRCT  2,PTHIGH
         L     1,=A(PAGETAB+X'90'*8)
         LG    3,=AD(SHARED+X'200') page-protection bit
         STG   3,0(,1)
* The shared frame's contents, stored before DAT is on.
         L     1,=A(SHARED)
         MVC   0(16,1),ORIGINAL
         LCTLG 1,1,ASCE
         STOSM SYSMASK,X'04'      DAT on
* 1. Read the shared page, then write it.
         L     4,=A(PAGE)
         CLC   0(16,4),ORIGINAL
         JNE   BADREAD
         MVC   8(8,4),=CL8'CHANGED'
         CLC   PROTS,=F'1'        exactly one protection fault
         JNE   BADCOUNT
         CLC   0(8,4),ORIGINAL    the copy kept the first half
         JNE   BADCOPY
         CLC   8(8,4),=CL8'CHANGED'
         JNE   BADCOPY
         LRA   5,0(,4)            the page now lives in the copy
         CL    5,=A(COPY)
         JNE   BADLRA
         L     5,=A(SHARED+8)     the shared frame is unchanged
         LURA  6,5
         CL    6,ORIGINAL+8
         JNE   BADSHARE
* 2. The same page through region-third entry 2 (4 GiB up).
         LG    4,=XL8'0000000100090000'
         LG    7,8(,4)
         CLG   7,=CL8'CHANGED'
         JNE   BADALIAS
         CLC   REGIONS,=F'1'
         JNE   BADCOUNT
         LPSWE OKPSW
BADREAD  LHI   9,1
         J     FAILED
BADCOUNT LHI   9,2
         J     FAILED
BADCOPY  LHI   9,3
         J     FAILED
BADLRA   LHI   9,4
         J     FAILED
BADSHARE LHI   9,5
         J     FAILED
BADALIAS LHI   9,6
         J     FAILED
BADCODE  LHI   9,X'10'
         J     FAILED
BADTEID  LHI   9,X'11'
FAILED   ST    9,BADPSW+12
         LPSWE BADPSW
* Program-interruption handler: DAT off, same base register.
HANDLER  STMG  0,15,SAVE
         LG    1,168              TEID
         CLC   142(2,0),=X'0004'
         JE    PROTFLT
         CLC   142(2,0),=X'003B'
         JE    REGFLT
         J     BADCODE
* Protection: DAT protection on a store into PAGE, primary space.
PROTFLT  LR    2,1
         N     2,=X'00000C07'     fetch/store, bit 61, space bits
         CL    2,=X'00000404'
         JNE   BADTEID
         NILL  1,X'F000'
         CLG   1,=AD(PAGE)
         JNE   BADTEID
         L     2,=A(COPY)         copy the frame (4 KiB)
         L     3,=A(4096)
         L     4,=A(SHARED)
         LR    5,3
         MVCL  2,4
         L     2,=A(PAGETAB)      invalidate the shared mapping
         L     3,=A(PAGE)
         IPTE  2,3
         L     1,=A(PAGETAB+X'90'*8)
         LG    3,=AD(COPY)        map the copy, writable
         STG   3,0(,1)
         LG    1,344              back the old PSW up by the ILC
         LH    2,140
         SGFR  1,2
         STG   1,344
         L     4,PROTS
         AHI   4,1
         ST    4,PROTS
         J     RETRY
* Region-third translation: a fetch at 4 GiB + X'90000'.
REGFLT   LR    2,1
         N     2,=X'00000C03'
         CL    2,=X'00000800'     fetch, primary space
         JNE   BADTEID
         NILL  1,X'F000'
         CLG   1,=XL8'0000000100090000'
         JNE   BADTEID
         LG    1,=AD(R3TAB)       entry 2 = entry 0
         MVC   16(8,1),0(1)
         L     4,REGIONS
         AHI   4,1
         ST    4,REGIONS
RETRY    LMG   0,15,SAVE
         LPSWE 336
         LTORG
         DS    0D
PGMNEW   DC    XL8'0000000180000000',AD(HANDLER)
OKPSW    DC    XL8'0002000180000000',AD(0)
BADPSW   DC    XL8'0002000180000000',AD(0)
ASCE     DC    AD(R3TAB+X'04')    region-third table, TL 0
ORIGINAL DC    CL16'SHARED ORIGINAL'
SAVE     DS    16D
PROTS    DC    F'0'
REGIONS  DC    F'0'
SYSMASK  DS    X
         END
