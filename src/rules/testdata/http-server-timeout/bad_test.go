package serve

import (
	"net/http"
	"testing"
)

// Tests serve test clients: quiet.
func TestServe(t *testing.T) {
	go http.ListenAndServe("localhost:0", nil)
	srv := &http.Server{}
	_ = srv
}
