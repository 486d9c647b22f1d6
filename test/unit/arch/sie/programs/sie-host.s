* A tiny host: builds a SIE state description, runs a guest that
* issues DIAGNOSE X'44' and then loads a disabled wait PSW, and
* checks both interceptions (4 with IPA/IPB, then 28). Ends in a
* disabled wait at address 0 on success; otherwise the address
* names the failed check.
HOST     START X'2000'
         BASR  11,0
         USING *,11
* Build the state description: clear it, then guest storage 1 MiB
* at host 1 MiB (MSO/MSE) and the guest PSW (64-bit, at 0x2000).
         XC    SD(256),SD
         XC    SD+256(256),SD+256
         MVC   SD+X'80'(16),MSOMSE
         MVC   SD+X'90'(16),GPSW
* Place the guest program at guest absolute 0x2000 = host 0x102000.
         LGF   1,GDEST
         MVC   0(GLEN,1),GCODE
* First SIE: the guest's DIAGNOSE intercepts (code 4).
         SIE   SD
         CLI   SD+X'50',4
         JNE   FAIL1
         CLC   SD+X'56'(6),DIAGIP   IPA/IPB: the DIAGNOSE
         JNE   FAIL2
         CHI   2,7                  guest GR2 is in host GR2
         JNE   FAIL3
         CLC   SD+X'98'(8),AFTER    guest PSW past the DIAG
         JNE   FAIL4
* Resume: the guest loads a disabled wait PSW (code 28).
         SIE   SD
         CLI   SD+X'50',28
         JNE   FAIL5
         CLC   SD+X'90'(16),GWAITPSW
         JNE   FAIL6
         LPSWE OK
FAIL1    LPSWE BAD1
FAIL2    LPSWE BAD2
FAIL3    LPSWE BAD3
FAIL4    LPSWE BAD4
FAIL5    LPSWE BAD5
FAIL6    LPSWE BAD6
         DS    0D
OK       DC    X'0002000180000000',AD(0)
BAD1     DC    X'0002000180000000',AD(1)
BAD2     DC    X'0002000180000000',AD(2)
BAD3     DC    X'0002000180000000',AD(3)
BAD4     DC    X'0002000180000000',AD(4)
BAD5     DC    X'0002000180000000',AD(5)
BAD6     DC    X'0002000180000000',AD(6)
MSOMSE   DC    AD(X'100000'),AD(X'1FFFFF')
GPSW     DC    X'0000000180000000',AD(X'2000')
GWAITPSW DC    X'0002000180000000',AD(X'0E0F')
AFTER    DC    AD(X'200A')
DIAGIP   DC    X'830000440000'
GDEST    DC    A(X'102000')
* The guest program, position-independent (its own base register).
         DS    0D
GCODE    BASR  12,0
         USING *,12
         LHI   2,7
         DIAG  0,0,X'44'
         LPSWE GWAIT
         DS    0D
GWAIT    DC    X'0002000180000000',AD(X'0E0F')
GLEN     EQU   *-GCODE
         DROP  12
* The state description (512 bytes, doubleword aligned).
         DS    0D
SD       DS    XL512
         END
