#!/usr/bin/env bash
# The GitHub Action's logic (action.yml runs it; tests/test_action.py runs it on a temporary
# git repository). Lints the articles a pull request changed, prints GitHub annotations,
# writes SARIF and a summary table, and exits with editlint's status.
#
# Environment (all optional):
#   INPUT_PATHS      globs or folders, separated by spaces or new lines (default: everything)
#   INPUT_FAIL_ON    error | warning | info | never (default: warning)
#   INPUT_CONFIG     config file passed to --config
#   INPUT_SARIF      true | false: write SARIF (default: true)
#   INPUT_BASE_REF   branch or ref to diff against (default: GITHUB_BASE_REF; when neither is
#                    set, e.g. on a push, every article under INPUT_PATHS is checked)
#   SARIF_FILE       where to write SARIF (default: $RUNNER_TEMP/editlint.sarif)
#   EDITLINT         the editlint command (default: editlint)
#   EDITLINT_PYTHON  the Python that writes the summary (default: python3)
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT   files the runner reads back
set -uo pipefail

fail_on="${INPUT_FAIL_ON:-warning}"
config="${INPUT_CONFIG:-}"
want_sarif="${INPUT_SARIF:-true}"
base_ref="${INPUT_BASE_REF:-${GITHUB_BASE_REF:-}}"
sarif_file="${SARIF_FILE:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/editlint.sarif}"
python="${EDITLINT_PYTHON:-python3}"
read -r -a editlint <<< "${EDITLINT:-editlint}"
summary_file="${GITHUB_STEP_SUMMARY:-/dev/null}"
output_file="${GITHUB_OUTPUT:-/dev/null}"

case "$fail_on" in error|warning|info|never) ;; *)
  echo "::error::fail-on must be error, warning, info or never (got '$fail_on')"; exit 2 ;;
esac
case "$want_sarif" in true|false) ;; *)
  echo "::error::sarif must be true or false (got '$want_sarif')"; exit 2 ;;
esac

# -- which articles ---------------------------------------------------------------------------

is_article() {
  case "$1" in *.md|*.markdown|*.txt) return 0 ;; *) return 1 ;; esac
}

# does a repository path fall under one of the `paths` inputs (a folder or a glob)?
in_paths() {
  local file="$1" spec
  [[ ${#specs[@]} -eq 0 ]] && return 0
  for spec in "${specs[@]}"; do
    spec="${spec#./}"
    spec="${spec%/}"
    [[ -z "$spec" || "$spec" == "." ]] && return 0
    [[ "$file" == "$spec" || "$file" == "$spec"/* ]] && return 0
    # in [[ == ]] a * also matches '/', so ** works; "a/**/b" must also match "a/b"
    # shellcheck disable=SC2053
    [[ "$file" == $spec || "$file" == ${spec//\*\*\//} ]] && return 0
  done
  return 1
}

specs=()
read -r -d '' -a specs <<< "${INPUT_PATHS:-}" || true

resolve_base() {
  local ref="$1" candidate
  for candidate in "origin/$ref" "$ref"; do
    if git rev-parse --verify --quiet "$candidate^{commit}" >/dev/null; then
      echo "$candidate"; return 0
    fi
  done
  # a shallow checkout may not have the base branch yet
  if git fetch --quiet --no-tags origin "+refs/heads/$ref:refs/remotes/origin/$ref" 2>/dev/null; then
    echo "origin/$ref"; return 0
  fi
  return 1
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

add_articles() {  # NUL-separated paths on stdin -> files[] (articles under `paths` on disk)
  local file
  while IFS= read -r -d '' file; do
    if is_article "$file" && in_paths "$file" && [[ -f "$file" ]]; then
      files+=("$file")
    fi
  done
}

files=()
if [[ -n "$base_ref" ]]; then
  if ! base="$(resolve_base "$base_ref")"; then
    echo "::error::editlint: base ref '$base_ref' not found (check out with fetch-depth: 0)"
    exit 2
  fi
  # three dots: what the branch changed since it left the base; deleted files are skipped,
  # a renamed file counts under its new name
  if ! git diff --name-only -z --diff-filter=d "$base...HEAD" > "$work/changed" 2>/dev/null; then
    echo "::warning::editlint: no merge base with '$base' (shallow clone?); diffing against it directly"
    git diff --name-only -z --diff-filter=d "$base" HEAD > "$work/changed" || exit 2
  fi
  add_articles < "$work/changed"
  scope="changed since $base_ref"
else
  git ls-files -z > "$work/all" || exit 2
  add_articles < "$work/all"
  scope="in the repository"
fi

echo "files=${#files[@]}" >> "$output_file"
if [[ ${#files[@]} -eq 0 ]]; then
  echo "editlint: no articles $scope to check"
  { echo "### editlint"; echo; echo "No articles $scope to check."; } >> "$summary_file"
  echo "findings=0" >> "$output_file"
  echo "exit-code=0" >> "$output_file"
  exit 0
fi

# -- lint -------------------------------------------------------------------------------------

# --force-exclude: the config's exclude (drafts/**) applies to the changed files we name
common=(check --force-exclude --fail-on "$fail_on")
[[ -n "$config" ]] && common+=(--config "$config")

# annotations: workflow commands on stdout; this run's status is the step's status
"${editlint[@]}" "${common[@]}" --format github -- "${files[@]}"
status=$?

if [[ "$want_sarif" == "true" ]]; then
  mkdir -p "$(dirname "$sarif_file")"
  # only a complete log is handed on (an upload of a half-written one would fail the job)
  if "${editlint[@]}" "${common[@]}" --fail-on never --format sarif -- "${files[@]}" \
      > "$sarif_file" 2>/dev/null; then
    echo "sarif-file=$sarif_file" >> "$output_file"
  else
    rm -f "$sarif_file"
  fi
fi

json="$work/findings.json"
"${editlint[@]}" "${common[@]}" --fail-on never --format json -- "${files[@]}" > "$json" 2>/dev/null

"$python" - "$json" "$fail_on" "$status" "$scope" >> "$summary_file" 3>> "$output_file" <<'PY'
import json
import sys
from collections import Counter

path, fail_on, status, scope = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
CATEGORIES = ("typo", "name", "title", "attribution", "stray", "style")
SEVERITIES = ("error", "warning", "info")
try:
    with open(path, encoding="utf-8") as fh:
        report = json.load(fh)
except (OSError, ValueError):
    report = {"files_checked": 0, "findings": []}
findings = report["findings"]


def cell(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


per_file: dict[str, Counter] = {}
for f in findings:
    per_file.setdefault(f["path"], Counter()).update([f["category"], f["severity"]])
total = Counter(f["category"] for f in findings) + Counter(f["severity"] for f in findings)
verdict = {0: "passed", 1: f"failed (findings at or above {fail_on})"}.get(
    status, f"could not run (exit {status})")
out = ["### editlint", "",
       f"{len(findings)} finding{'s' * (len(findings) != 1)} in {len(per_file)} of "
       f"{report.get('files_checked', 0)} articles {scope}: {verdict}.", ""]
if findings:
    out.append("| article | " + " | ".join(SEVERITIES + CATEGORIES) + " |")
    out.append("|---" * (1 + len(SEVERITIES) + len(CATEGORIES)) + "|")
    for name in sorted(per_file):
        counts = per_file[name]
        out.append(f"| `{cell(name)}` | "
                   + " | ".join(str(counts[k] or "") for k in SEVERITIES + CATEGORIES) + " |")
    out.append("| **total** | " + " | ".join(str(total[k] or "") for k in SEVERITIES + CATEGORIES)
               + " |")
print("\n".join(out))
with open(3, "w", encoding="utf-8", closefd=False) as fh:
    fh.write(f"findings={len(findings)}\n")
PY

echo "exit-code=$status" >> "$output_file"
exit "$status"
