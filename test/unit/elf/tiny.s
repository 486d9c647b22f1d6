# The tiny executable the ELF loader's unit tests read (built by build-tiny-elf.sh).
# _start loads the doubleword at `answer`, adds it to itself, stores it in `scratch` (.bss)
# and stops in a disabled wait whose address is 0x600D.
        .text
        .globl  _start
        .type   _start, @function
_start:
        larl    %r1,answer
        lg      %r2,0(%r1)
        agr     %r2,%r2
        larl    %r3,scratch
        stg     %r2,0(%r3)
        larl    %r4,waitpsw
        lpswe   0(%r4)
        .size   _start, .-_start

        .data
        .align  8
        .globl  answer
        .type   answer, @object
answer: .quad   0x15
        .size   answer, 8
        .align  8
waitpsw:
        .quad   0x0002000180000000, 0x600D

        .bss
        .align  8
        .globl  scratch
        .type   scratch, @object
scratch:
        .zero   8192
        .size   scratch, 8192
