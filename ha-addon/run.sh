#!/usr/bin/env bash
# The image's entry point. In the Home Assistant add-on (the supervisor hands it its API token in SUPERVISOR_TOKEN,
# which the host reads by itself, never echoed) it runs the host on the user's options from /data/options.json; in
# a plain container it runs the host with the command's arguments (default: run).
set -euo pipefail
app="${CHARGEBRIDGE_APP:-/app/chargebridge.dll}"
if [ -z "${SUPERVISOR_TOKEN:-}" ]; then
  exec dotnet "$app" "$@"
fi
options="${CHARGEBRIDGE_OPTIONS:-/data/options.json}"
if [ ! -f "$options" ]; then
  echo "chargebridge add-on: $options is missing; save the add-on's configuration once" >&2
  exit 2
fi
# The statistics file and the FlexMeasures outbox belong in the add-on's own /data, which survives updates (the
# variable's name has dots, which only env can set); GET /health on the port is the watchdog's check (config.yaml).
exec env "ChargeBridge.Apps.V2G.V2GConfig__DataFolder=${CHARGEBRIDGE_DATA:-/data}" "Health__Port=${CHARGEBRIDGE_HEALTH_PORT:-8099}" \
  dotnet "$app" run --addon-options "$options"
