# SRLG XGR AGR AGHI BRCTG: the inner loop gcc -O2 makes of a shift-xor-add hash (5 per iteration).
        .include "common.inc"
start:  larl    %r1,count
        lg      %r4,0(%r1)
        lghi    %r2,1
        lghi    %r3,0
loop:   srlg    %r1,%r2,3
        xgr     %r3,%r1
        agr     %r2,%r3
        aghi    %r2,7
        brctg   %r4,loop
        finish
