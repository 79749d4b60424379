#!/usr/bin/env bash
# The Debian packages the project needs beside its Python ones: libseccomp (the endpoint's query
# workers), poppler-utils (`pdftotext -layout`, one of the two PDF paths), chromium (the portal's
# tests drive it headless) and Virtuoso's server and isql (virtuoso-opensource-7-bin, of Debian's
# virtuoso-opensource: the binaries alone, no packaged service, no debconf question; the tests start
# their own server on 127.0.0.1). Installs what is missing when run as root with apt-get; otherwise
# names it.
set -euo pipefail
missing=()
ldconfig -p 2>/dev/null | grep -q libseccomp.so.2 || missing+=(libseccomp2)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v chromium >/dev/null || [ -x /usr/bin/chromium ] || missing+=(chromium)
command -v virtuoso-t >/dev/null && command -v isql-vt >/dev/null || missing+=(virtuoso-opensource-7-bin)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
else
  echo "missing Debian packages: ${missing[*]} (install them with: sudo apt-get install ${missing[*]})" >&2
fi
