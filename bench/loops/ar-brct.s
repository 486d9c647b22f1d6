# AR + BRCT: the 32-bit form (2 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        l       %r4,4(%r1)
        lhi     %r2,0
        lhi     %r3,3
loop:   ar      %r2,%r3
        brct    %r4,loop
        finish
