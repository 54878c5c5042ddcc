# After detach the program runs on without the debugger and exits 42.
break *add3
continue
printf "@ r2 %d\n", $r2
detach
