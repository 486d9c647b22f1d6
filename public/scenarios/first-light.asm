* FIRST LIGHT: a stand-alone program IPL'd from a 3390.
*
* The scenario builds the IPL volume from this file when it loads:
* bytes 0-23 become record 1 of cylinder 0 head 0 (the IPL PSW and
* two CCWs), everything from BEGIN on becomes record 2, which the
* first IPL CCW reads to BEGIN (src/engine/io/dasd/ipl-volume.ts).
*
* It starts in ESA/390 mode, switches to z/Architecture with SIGP
* set architecture, finds the 3270 at device number DEVNO with
* STSCH, enables its subchannel, writes a welcome screen (protected
* title, one unprotected input field), then loops: wait enabled for
* the attention of ENTER, Read Modified, echo what was typed.
* Every I/O is a channel program started with SSCH; its end is an
* I/O interruption taken from an enabled wait; TSCH gets the status.
*
* A failure ends in a disabled wait whose address names it:
*   DEA0 program check in ESA/390 mode   DEAD program check later
*   BAD1 SIGP refused   BAD2 no 3270 at DEVNO   BAD3 MSCH refused
*   BAD4 SSCH refused   BAD5 the 3270 ended an I/O in unit check
*
FLIGHT   START 0
* The IPL PSW: ESA/390 (bit 12 on), 31-bit addressing, at BEGIN.
IPLPSW   DC    X'00080000',A(X'80000000'+BEGIN)
* READ DATA of record 2 (the program) to BEGIN; no chaining.
IPLCCW1  CCW   X'06',BEGIN,X'20',PROGEND-BEGIN
IPLCCW2  CCW   X'03',0,X'20',1         not reached
*
         ORG   FLIGHT+X'2000'
BEGIN    BASR  12,0
         USING *,12
         MVC   X'68'(8,0),ESAPGMN      ESA/390 program new PSW
         SR    0,0                     CPU address 0
         LHI   1,1                     1 = z/Architecture
         SIGP  1,0,X'12'               set architecture
         JNZ   FAILSIGP
* Now z/Architecture, still 31-bit: 16-byte PSWs at X'1A0'-X'1FF'.
         MVC   X'1D0'(16,0),PGMNEW     program new PSW
         MVC   X'1F0'(16,0),IONEW      I/O new PSW: IOINT
         LCTL  6,6,CR6                 subclasses 0-7 enabled
*
* Find the 3270: STSCH every subchannel until the device number
* is DEVNO; CC 3 means there are no more subchannels.
         L     1,=X'00010000'          SID of subchannel 0
SCAN     STSCH SCHIB
         JNZ   FAILDEV
         TM    SCHIB+5,X'01'           device number valid?
         JZ    NEXTSCH
         CLC   SCHIB+6(2),DEVNO
         JE    FOUND
NEXTSCH  AHI   1,1
         J     SCAN
FOUND    ST    1,SID3270
         OI    SCHIB+5,X'80'           enabled
         MSCH  SCHIB
         JNZ   FAILMSCH
*
* The welcome screen, then the attention loop.
         LA    2,CCWEW
         BAS   14,DOIO
LOOP     CLI   ATTN,1                  attention during an I/O?
         JE    READ
         BAS   14,WAITIO
         TM    IRB+8,X'80'             device status attention?
         JZ    LOOP
READ     MVI   ATTN,0
         LA    2,CCWRM                 Read Modified
         BAS   14,DOIO
         LHI   3,L'INBUF
         SH    3,IRB+10                bytes read
         CHI   3,6                     AID, cursor, SBA + address
         JH    ECHODATA
         LA    4,NOTHING               nothing was typed
         LHI   3,L'NOTHING
         J     ECHO
ECHODATA LA    4,INBUF+6               the field's data
         AHI   3,-6
* The middle CCW of the echo gets the data's address and count.
ECHO     ST    4,CCWDATA
         MVI   CCWDATA,X'01'           command code back in byte 0
         STH   3,CCWDATA+6
         LA    2,CCWECHO               Write, three CCWs data chained
         BAS   14,DOIO
         J     LOOP
*
* DOIO: start the channel program at R2 on the 3270, wait for the
* interruption with its primary status; remember an attention.
DOIO     ST    14,DOIORET
         ST    2,ORB+8
         L     1,SID3270
         SSCH  ORB
         JNZ   FAILSSCH
DOIOWAIT BAS   14,WAITIO
         TM    IRB+8,X'80'             attention on the way?
         JZ    DOIOEND
         MVI   ATTN,1
DOIOEND  TM    IRB+8,X'02'             unit check
         JO    FAILUC
         TM    IRB+3,X'04'             primary status: I/O ended
         JZ    DOIOWAIT
         L     14,DOIORET
         BR    14
*
* WAITIO: enabled wait for the next I/O interruption, then TSCH
* for the subchannel whose SID the interruption stored at X'B8'.
WAITIO   ST    14,WAITRET
         LPSWE WAITPSW
IOINT    L     14,WAITRET              the I/O new PSW comes here
         L     1,X'B8'
         TSCH  IRB
         BR    14
*
FAILSIGP LPSWE BADSIGP
FAILDEV  LPSWE BADDEV
FAILMSCH LPSWE BADMSCH
FAILSSCH LPSWE BADSSCH
FAILUC   LPSWE BADUC
*
         DS    0D
ESAPGMN  DC    X'000A0000',X'0000DEA0'
PGMNEW   DC    X'0002000080000000',AD(X'DEAD')
IONEW    DC    X'0000000080000000',AD(IOINT)
WAITPSW  DC    X'0202000080000000',AD(WAITIO)
BADSIGP  DC    X'0002000080000000',AD(X'BAD1')
BADDEV   DC    X'0002000080000000',AD(X'BAD2')
BADMSCH  DC    X'0002000080000000',AD(X'BAD3')
BADSSCH  DC    X'0002000080000000',AD(X'BAD4')
BADUC    DC    X'0002000080000000',AD(X'BAD5')
CR6      DC    X'FF000000'
*
* Channel programs (format 0). 3270 commands: 05 Erase/Write,
* 01 Write, 06 Read Modified. Flags: 80 chain data, 20 SLI.
CCWEW    CCW   X'05',WELCOME,X'20',WELCOMEL
CCWRM    CCW   X'06',INBUF,X'20',L'INBUF
CCWECHO  CCW   X'01',ECHOHDR,X'A0',ECHOHDRL
CCWDATA  CCW   X'01',INBUF,X'A0',1     set for each echo
         CCW   X'01',ECHOTRL,X'20',ECHOTRLL
*
* Welcome screen: WCC (restore keyboard, reset MDTs), then fields
* placed with SBA (12-bit addresses) and started with SF.
WELCOME  DC    X'C3'
         DC    X'1DE8'                 SF protected, intensified
         DC    C'ZVLAB FIRST LIGHT - IPL FROM THE 3390 AT 0A80'
         DC    X'11C260',X'1D60'       row 2: SF protected
         DC    C'TYPE SOMETHING AND PRESS ENTER:'
         DC    X'11C540',X'1D60'       row 4: SF protected
         DC    C'==>'
         DC    X'1D40'                 SF unprotected: the input
         DC    X'11C56D',X'1D60'       row 4 col 45: field ends
         DC    X'11C5C5',X'13'         row 4 col 5: IC
WELCOMEL EQU   *-WELCOME
*
* Echo: row 10 gets "YOU TYPED: " and the data, the rest of the
* row blanked; the input field emptied, the cursor back in it.
ECHOHDR  DC    X'C3',X'114C60',X'1DE8' WCC, row 10: SF protected
         DC    C'YOU TYPED: '
ECHOHDRL EQU   *-ECHOHDR
ECHOTRL  DC    X'3C4DF040'             RA to row 11 col 0, blanks
         DC    X'11C5C5',X'12C56D'     row 4 col 5, EUA to col 45
         DC    X'11C5C5',X'13'         back to col 5 (EUA moved): IC
ECHOTRLL EQU   *-ECHOTRL
NOTHING  DC    C'(NOTHING)'
*
DEVNO    DC    X'0009'                 the 3270's device number
ATTN     DC    X'00'
         DS    0F
SID3270  DS    F
DOIORET  DS    F
WAITRET  DS    F
* ORB: interruption parameter; key 0, format 0, LPM FF; the CCWs.
ORB      DC    F'0',X'0000FF00',A(0)
SCHIB    DS    XL52
IRB      DS    XL64
         LTORG
INBUF    DS    CL256
PROGEND  EQU   *
         END   BEGIN
