# MVC 256 + BRCTG: 256 bytes moved per iteration (2 instructions per iteration).
        .include "common.inc"
start:  larl    %r1,count
        lg      %r4,0(%r1)
        larl    %r7,target
        larl    %r8,source
loop:   mvc     0(256,%r7),0(%r8)
        brctg   %r4,loop
        finish
        writable
        .align  256
source: .fill   256,1,0x5a
target: .fill   256,1,0
