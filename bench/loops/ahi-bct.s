# AHI + BCT via a base register, as ESA/390-era code branches (2 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        l       %r4,4(%r1)
        lhi     %r2,0
        basr    %r12,0
loop:   ahi     %r2,1
        bct     %r4,0(%r12)
        finish
