// gotrap lsp: a Language Server Protocol server over a pair of file descriptors (stdin/stdout).
// Diagnostics are computed from the open buffers' unsaved text, one package per edit; the server
// never writes a file: fixes are offered to the client as workspace edits.
#pragma once

namespace gotrap::lsp {

// Serves until `exit` or the end of the input. Returns the process exit status: 0 after
// shutdown + exit, 1 when the client went away or sent exit without shutdown (as LSP says).
int serve(int in_fd, int out_fd);

}  // namespace gotrap::lsp
