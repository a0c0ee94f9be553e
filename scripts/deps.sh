#!/bin/sh
# Install the Debian packages pathmap needs, but only those that are missing.
# Called by `make demo` and `make check`; safe to run again (it does nothing
# when everything is present). Uses sudo when not root, never prompts.
set -eu

PKGS="gcc make cmake pkg-config
libcsv-dev libcjson-dev libcurl4-openssl-dev libpcre2-dev libsqlite3-dev
libzip-dev libexpat1-dev libxlsxwriter-dev libcriterion-dev libssl-dev
python3 sqlite3"

# Extra package names on the command line replace the default list.
[ $# -gt 0 ] && PKGS="$*"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "pathmap: installing missing Debian packages:$missing" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 || {
		echo "pathmap: need root or sudo to install:$missing" >&2
		exit 1
	}
	SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
# shellcheck disable=SC2086
if ! $SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null; then
	# A fresh machine may have empty package lists; refresh once and retry.
	$SUDO apt-get update -q >/dev/null
	$SUDO apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
