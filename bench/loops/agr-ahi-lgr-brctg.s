# AGR / AHI / LGR / BRCTG: mixed register work (4 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        lg      %r4,0(%r1)
        lghi    %r2,0
        lghi    %r3,5
loop:   agr     %r2,%r3
        ahi     %r5,3
        lgr     %r6,%r2
        brctg   %r4,loop
        finish
