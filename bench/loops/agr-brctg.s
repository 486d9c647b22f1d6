# AGR + BRCTG: the tightest 64-bit loop (2 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        lg      %r4,0(%r1)
        lghi    %r2,0
        lghi    %r3,3
loop:   agr     %r2,%r3
        brctg   %r4,loop
        finish
