// Servers that wait forever for a slow client's request headers.
package serve

import (
	"net"
	"net/http"
	"time"
)

func listen(mux *http.ServeMux) error {
	return http.ListenAndServe(":8080", mux) // want `http.ListenAndServe serves with a zero http.Server, which has no timeouts`
}

func listenTLS(mux *http.ServeMux) error {
	return http.ListenAndServeTLS(":8443", "cert.pem", "key.pem", mux) // want `Slowloris`
}

func serveOn(l net.Listener, h http.Handler) error {
	if err := http.Serve(l, h); err != nil { // want `ReadHeaderTimeout`
		return err
	}
	return http.ServeTLS(l, h, "c", "k") // want `http.ServeTLS`
}

// Write and idle timeouts do not bound the wait for the headers.
func server(h http.Handler) error {
	srv := &http.Server{ // want `http.Server without ReadHeaderTimeout or ReadTimeout`
		Addr:         ":8080",
		Handler:      h,
		WriteTimeout: 10 * time.Second,
		IdleTimeout:  time.Minute,
	}
	return srv.ListenAndServe()
}

func inline(h http.Handler) error {
	return (&http.Server{Addr: ":8080", Handler: h}).ListenAndServe() // want `Slowloris`
}

func zeroValues(h http.Handler) {
	var a http.Server // want `http.Server without`
	a.Handler = h
	go a.ListenAndServe()
	b := new(http.Server) // want `http.Server without`
	b.Handler = h
	go b.ListenAndServe()
}

// A package-level server nobody configures.
var admin = http.Server{Addr: "localhost:9090"} // want `http.Server without`

func startAdmin() { go admin.ListenAndServe() }
