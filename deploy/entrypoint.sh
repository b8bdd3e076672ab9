#!/bin/sh
# Start-up step of deploy/Dockerfile: makes <user folder>/.n8n/nodes hold the package tarball the
# image was built with (the way a manual install does: `npm install <tarball>` in that folder),
# then hands over to n8n's own entrypoint. A volume that already holds this build is left alone.
set -eu

package="${TVAT_PACKAGE_TARBALL:-/opt/tradingview-autotrade/package.tgz}"
next="${TVAT_NEXT_ENTRYPOINT:-/docker-entrypoint.sh}"
nodes="${N8N_USER_FOLDER:-$HOME}/.n8n/nodes"
marker="$nodes/.tradingview-autotrade.sha256"

wanted="$(sha256sum "$package" | cut -d ' ' -f 1)"
if [ ! -f "$marker" ] || [ "$(cat "$marker")" != "$wanted" ] \
	|| [ ! -f "$nodes/node_modules/n8n-nodes-tradingview-autotrade/package.json" ]; then
	echo "tradingview-autotrade: installing $(basename "$package") into $nodes"
	mkdir -p "$nodes"
	[ -f "$nodes/package.json" ] || echo '{"name":"installed-nodes","private":true}' > "$nodes/package.json"
	(cd "$nodes" && npm install --no-audit --no-fund --omit=dev --prefer-offline "$package")
	echo "$wanted" > "$marker"
fi

exec "$next" "$@"
