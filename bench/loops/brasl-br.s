# BRASL / BR call loop: a call and a return per iteration (3 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        lg      %r4,0(%r1)
        lghi    %r2,0
loop:   brasl   %r14,leaf
        brctg   %r4,loop
        finish
leaf:   br      %r14
