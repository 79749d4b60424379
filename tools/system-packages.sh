#!/usr/bin/env bash
# The Debian packages the project needs beside its Python ones: libseccomp (the endpoint's query
# workers), poppler-utils (`pdftotext -layout`, one of the two PDF paths) and chromium (the portal's
# tests drive it headless). Installs what is missing when run as root with apt-get; otherwise names it.
set -euo pipefail
missing=()
ldconfig -p 2>/dev/null | grep -q libseccomp.so.2 || missing+=(libseccomp2)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || missing+=(chromium)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "missing Debian packages: ${missing[*]} (install them with: sudo apt-get install ${missing[*]})" >&2
fi
