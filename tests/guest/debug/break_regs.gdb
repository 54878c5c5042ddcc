# A breakpoint at a function's first instruction: the arguments are in
# r2-r4 (s390x ELF ABI), the PSW address is the function's.
break *add3
continue
printf "@ r2 %d r3 %d r4 %d\n", $r2, $r3, $r4
printf "@ pc-add3 %d pswa-add3 %d\n", $pc - (long)&add3, $pswa - (long)&add3
info registers r2
delete
continue
printf "@ exit %d\n", $_exitcode
