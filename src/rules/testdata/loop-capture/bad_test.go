package loopcapture

import "testing"

func TestParallelSubtests(t *testing.T) {
	cases := []Doctor{{Name: "a"}, {Name: "b"}}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			if tc.Name == "" { // want `loop variable tc`
				t.Fatal("empty")
			}
		})
	}
}

func TestSerialSubtests(t *testing.T) {
	cases := []Doctor{{Name: "a"}, {Name: "b"}}
	for _, tc := range cases {
		t.Run(tc.Name, func(t *testing.T) {
			if tc.Name == "" {
				t.Fatal("empty")
			}
		})
	}
}
