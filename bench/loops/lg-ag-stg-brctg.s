# LG / AG / STG + BRCTG: storage operands every iteration (4 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        lg      %r4,0(%r1)
        larl    %r6,words
loop:   lg      %r1,0(%r6)
        ag      %r1,8(%r6)
        stg     %r1,16(%r6)
        brctg   %r4,loop
        finish
        writable
        .align  8
words:  .quad   1, 2, 0
