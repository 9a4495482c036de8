// A module exercising the file-selection rules of the go tool.
module "example.com/basic" // a quoted module path is legal

go 1.21

toolchain go1.22.3

retract (
	v1.0.0 // published by mistake
	[v1.1.0, v1.2.0]
)

godebug (
	default=go1.21
)

ignore (
	./ignoredbymod // relative to the module root
	assets        // any directory named assets
)
