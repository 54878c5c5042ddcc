# kill ends the program: zemu exits as if SIGKILL had ended the guest.
break *add3
continue
printf "@ r2 %d\n", $r2
kill
