#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian's `chromium`) and fails unless the page
# has at least one <img> and every <img> loaded (complete, naturalWidth > 0).
#
#   scripts/check_report.sh REPORT_HTML [SCREENSHOT_PNG]
#
# The check does not rely on the page: a small wrapper page in a temporary directory loads the
# report in an iframe (file access between file:// pages allowed) and, once the report has
# loaded, writes "IMAGES loaded/total" into its own DOM, which --dump-dom prints. With
# SCREENSHOT_PNG, the report is also captured at 1100 px wide.
# Exit status: 0 all images loaded; 1 an image did not load, or none; 2 usage, or Chromium
# missing or failing.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: $0 REPORT_HTML [SCREENSHOT_PNG]" >&2
  exit 2
fi
if [[ ! -f "$1" ]]; then
  echo "check_report: no such file: $1" >&2
  exit 2
fi
browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser="$b"; break; fi
done
if [[ -z "$browser" ]]; then
  echo "check_report: chromium not found (Debian: apt-get install -y chromium)" >&2
  exit 2
fi

report="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
# A file URL: percent-encode the characters that would end or change it.
url="$report"
url="${url//%/%25}"; url="${url// /%20}"; url="${url//&/%26}"; url="${url//#/%23}"; url="${url//\?/%3F}"; url="${url//\"/%22}"
url="file://$url"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/check.html" <<EOF
<!DOCTYPE html>
<html><body>
<iframe id="report" src="$url" width="1100" height="900"></iframe>
<script>
document.getElementById("report").addEventListener("load", function () {
  var out;
  try {
    var imgs = this.contentDocument.images, ok = 0, bad = [];
    for (var i = 0; i < imgs.length; i++) {
      if (imgs[i].complete && imgs[i].naturalWidth > 0) { ok++; } else { bad.push(imgs[i].getAttribute("src")); }
    }
    out = "IMAGES " + ok + "/" + imgs.length + (bad.length ? " not loaded: " + bad.join(" ") : "");
  } catch (e) {
    out = "ERROR cannot inspect the report: " + e;
  }
  var p = document.createElement("pre");
  p.id = "result";
  p.textContent = out;
  document.body.appendChild(p);
});
</script>
</body></html>
EOF

flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --virtual-time-budget=10000)
if ! dom="$(timeout 120 "$browser" "${flags[@]}" --user-data-dir="$work/profile" --allow-file-access-from-files \
           --dump-dom "file://$work/check.html" 2>"$work/stderr")"; then
  echo "check_report: $browser failed on $report:" >&2
  tail -n 20 "$work/stderr" >&2
  exit 2
fi
result="$(printf '%s' "$dom" | sed -n 's/.*<pre id="result">\([^<]*\)<\/pre>.*/\1/p' | head -n 1)"
if [[ -z "$result" ]]; then
  echo "check_report: the report did not finish loading in headless $browser: $report" >&2
  exit 1
fi
echo "check_report: $report: $result"

if [[ $# -eq 2 ]]; then
  shot="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
  timeout 120 "$browser" "${flags[@]}" --user-data-dir="$work/profile2" --window-size=1100,4200 \
      --screenshot="$shot" "$url" 2>>"$work/stderr" >/dev/null || {
    echo "check_report: screenshot failed:" >&2; tail -n 20 "$work/stderr" >&2; exit 2; }
  echo "check_report: screenshot $shot"
fi

if [[ "$result" =~ ^IMAGES\ ([0-9]+)/([0-9]+)$ ]] && [[ "${BASH_REMATCH[2]}" -gt 0 ]] \
   && [[ "${BASH_REMATCH[1]}" == "${BASH_REMATCH[2]}" ]]; then
  exit 0
fi
exit 1
