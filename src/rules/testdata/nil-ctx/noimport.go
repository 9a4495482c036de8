package nilctx

import "time"

func later(s *store) error {
	time.Sleep(time.Millisecond)
	return s.Get(nil, "k") // want `of Get`
}
