package basic

import (
	"fmt"
	c "C"
)

var _ = fmt.Sprint
var _ = c.int(0)
