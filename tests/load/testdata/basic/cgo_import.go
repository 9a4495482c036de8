package basic

// #include <stdio.h>
import "C"
