# Reads gotrap_sema_bench outputs (one or more runs) and prints each phase's fastest run:
# "load parse sema cfg|file set". Phase lines are "  <phase>  <seconds> s ..."; the header
# "sema bench over DIR" also starts with "sema", hence the number check.
/^  packages / { set = $0; sub(/^  /, "", set) }
$1 ~ /^(load|parse|sema|cfg)$/ && $2 ~ /^[0-9]+\.[0-9]+$/ {
  s = $2 + 0
  if (!($1 in best) || s < best[$1]) best[$1] = s
}
END { printf "%s %s %s %s|%s\n", best["load"], best["parse"], best["sema"], best["cfg"], set }
