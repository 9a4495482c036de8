-- Neovim's built-in LSP client (0.7) against `gotrap lsp`: open a file of the examples module,
-- wait for gotrap's diagnostics, apply a quick fix through the client, check the buffer.
-- Environment: GOTRAP (the binary), MODULE (a copy of the examples module).
local gotrap = os.getenv('GOTRAP')
local module = os.getenv('MODULE')
local file = module .. '/visits/queue.go'

local function fail(message)
  io.stderr:write('FAIL: ' .. message .. '\n')
  vim.cmd('cquit 1')
end
local function ok(message) io.stdout:write('ok: ' .. message .. '\n') end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = 'gotrap',
  cmd = { gotrap, 'lsp' },
  root_dir = module,
  workspace_folders = { { uri = vim.uri_from_fname(module), name = 'examples' } },
})
if not client_id then fail('start_client returned nil') end
vim.lsp.buf_attach_client(bufnr, client_id)

local function gotrap_diagnostics(rule)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == rule or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == rule) then
      table.insert(out, d)
    end
  end
  return out
end

if not vim.wait(10000, function() return #gotrap_diagnostics('slice-pop-leak') > 0 end, 20) then
  fail('no slice-pop-leak diagnostic within 10 s')
end
local d = gotrap_diagnostics('slice-pop-leak')[1]
ok(string.format('diagnostic slice-pop-leak at %d:%d: %s', d.lnum + 1, d.col + 1, d.message))
if d.lnum ~= 15 then fail('expected the finding on line 16, got ' .. (d.lnum + 1)) end

local client = vim.lsp.get_client_by_id(client_id)
local params = {
  textDocument = { uri = vim.uri_from_bufnr(bufnr) },
  range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.lnum, character = d.col } },
  context = { diagnostics = { d.user_data and d.user_data.lsp or {} } },
}
local response = client.request_sync('textDocument/codeAction', params, 10000, bufnr)
if not response or response.err then fail('codeAction failed: ' .. vim.inspect(response)) end
local fix
for _, action in ipairs(response.result or {}) do
  if action.kind == 'quickfix' and not action.title:find('^Suppress') then fix = action end
end
if not fix then fail('no quickfix among ' .. vim.inspect(response.result)) end
ok('code action: ' .. fix.title)
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)

local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
local text = table.concat(lines, '\n')
if not text:find('\tq.items%[0%] = nil\n\tq.items = q.items%[1:%]') then
  fail('buffer after the fix:\n' .. text)
end
ok('buffer has q.items[0] = nil before the pop')

-- The edit reaches the server as an incremental didChange; the finding goes away.
if not vim.wait(10000, function() return #gotrap_diagnostics('slice-pop-leak') == 0 end, 20) then
  fail('slice-pop-leak still reported after the fix')
end
ok('diagnostic cleared after the edit')
if vim.bo[bufnr].modified ~= true then fail('buffer should be modified, not saved') end

vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qall!')
