* Demand paging, bare metal: build a segment table and a page table
* whose upper half is invalid, turn DAT on, and touch three invalid
* pages. Each first touch is a page-translation exception (0x11); the
* handler checks the interruption code and the TEID, gives the page a
* frame from a pool and retries the nullified instruction.
* Ends in a disabled wait: address 0 = success, else the failed check.
DEMAND   START X'2000'
SEGTAB   EQU   X'10000'           segment table, TL 0 (512 entries)
PAGETAB  EQU   X'11000'           page table of segment 0
POOL     EQU   X'30000'           frames handed out by the handler
AREA     EQU   X'80000'           first of the invalid pages touched
         BASR  12,0
         USING *,12
         MVC   464(16,0),PGMNEW   program new PSW
* Segment table: all entries invalid, then entry 0 -> page table.
         L     1,=A(SEGTAB)
         LHI   2,512
         LGHI  3,X'20'            segment-invalid bit
SEGLOOP  STG   3,0(,1)
         LA    1,8(,1)
         BRCT  2,SEGLOOP
         L     1,=A(SEGTAB)
         LG    3,=AD(PAGETAB)
         STG   3,0(,1)
* Page table: pages X'00'-X'7F' map to themselves, X'80'-X'FF' invalid.
         L     1,=A(PAGETAB)
         SGR   3,3
         LHI   2,128
PTLOW    STG   3,0(,1)
         LA    1,8(,1)
         AGHI  3,4096
         BRCT  2,PTLOW
         LGHI  3,X'400'           page-invalid bit
         LHI   2,128
PTHIGH   STG   3,0(,1)
         LA    1,8(,1)
         BRCT  2,PTHIGH
         LCTLG 1,1,ASCE           primary ASCE: segment table, TL 0
         STOSM SYSMASK,X'04'      DAT on
* Store into and load back from three invalid pages (R5 = 3, 2, 1).
         L     4,=A(AREA)
         LHI   5,3
TOUCH    ST    5,16(,4)
         L     6,16(,4)
         CR    6,5
         JNE   BADDATA
         AHI   4,4096
         BRCT  5,TOUCH
         CLC   FAULTS,=F'3'       one fault per page, no more
         JNE   BADCOUNT
* The second page got the second pool frame.
         L     4,=A(AREA+4096+16)
         LRA   7,0(,4)
         JNZ   BADLRA
         CL    7,=A(POOL+4096+16)
         JNE   BADLRA
         LURA  8,7                the frame itself holds the store
         CHI   8,2
         JNE   BADREAL
         L     6,0(,4)            a second access needs no fault
         CHI   6,2
         JNE   BADDATA
         CLC   FAULTS,=F'3'
         JNE   BADCOUNT
         LPSWE OKPSW
BADDATA  LHI   9,1
         J     FAILED
BADCOUNT LHI   9,2
         J     FAILED
BADLRA   LHI   9,3
         J     FAILED
BADREAL  LHI   9,4
         J     FAILED
BADCODE  LHI   9,X'11'
         J     FAILED
BADTEID  LHI   9,X'12'
         J     FAILED
BADPTE   LHI   9,X'13'
FAILED   ST    9,BADPSW+12
         LPSWE BADPSW
* Program-interruption handler: DAT off, same base register.
HANDLER  STMG  0,15,SAVE
         CLC   142(2,0),=X'0011'  page translation?
         JNE   BADCODE
         LG    1,168              TEID
         LR    2,1
         N     2,=F'3'            bits 62-63: primary space
         JNZ   BADTEID
         LR    2,1
         N     2,=X'00000C00'     bits 52-53: store (01)
         CL    2,=X'00000400'
         JNE   BADTEID
         SRLG  1,1,12             page index -> page-table entry
         N     1,=F'255'
         SLL   1,3
         A     1,=A(PAGETAB)
         TM    6(1),X'04'         the entry must be invalid
         JZ    BADPTE
         L     3,NEXTFRM          next pool frame, valid, writable
         XC    0(4,1),0(1)
         ST    3,4(,1)
         A     3,=A(4096)
         ST    3,NEXTFRM
         L     4,FAULTS
         AHI   4,1
         ST    4,FAULTS
         LMG   0,15,SAVE
         LPSWE 336                retry: the old PSW names the store
         LTORG
         DS    0D
PGMNEW   DC    XL8'0000000180000000',AD(HANDLER)
OKPSW    DC    XL8'0002000180000000',AD(0)
BADPSW   DC    XL8'0002000180000000',AD(0)
ASCE     DC    AD(SEGTAB)
SAVE     DS    16D
NEXTFRM  DC    A(POOL)
FAULTS   DC    F'0'
SYSMASK  DS    X
         END
