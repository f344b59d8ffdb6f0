#!/usr/bin/env bash
# Installs what the tests need when it is missing, runs every test project of the solution and ends with one
# summary line "N passed, N failed, N skipped". Exits non-zero on any failure or missing peer.
set -uo pipefail
cd "$(dirname "$0")"

need_apt=()
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import pymodbus' 2>/dev/null || need_apt+=(python3-pymodbus)
command -v mbpoll >/dev/null || need_apt+=(mbpoll)
command -v glpsol >/dev/null || need_apt+=(glpk-utils)
command -v chromium >/dev/null || need_apt+=(chromium)
[ -x /sbin/apparmor_parser ] || [ -x /usr/sbin/apparmor_parser ] || need_apt+=(apparmor)
[ -x /usr/sbin/mosquitto ] || need_apt+=(mosquitto)
[ -x /usr/bin/influxd ] || need_apt+=(influxdb)
command -v mosquitto_sub >/dev/null || need_apt+=(mosquitto-clients)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null \
    || { echo "test.sh: could not install ${need_apt[*]}"; exit 1; }
fi
if [ -f tests/peers/package.json ] && [ ! -d tests/peers/node_modules ]; then
  echo "test.sh: installing npm packages of tests/peers"
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error) || { echo "test.sh: npm ci failed"; exit 1; }
fi

results=$(mktemp -d)
dotnet build NetDaemonApps.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }
# The container image and the HA add-on ship the published host: a publish that breaks, or a published host that
# does not start, fails the run.
published=$(mktemp -d)
dotnet publish src/ChargeBridge.Host -c Release -nologo -v q -o "$published" >/dev/null \
  && dotnet "$published/chargebridge.dll" --help >/dev/null \
  || { echo "test.sh: dotnet publish of src/ChargeBridge.Host failed or the published host does not start"; echo "0 passed, 1 failed"; exit 1; }
rm -rf "$published"
dotnet test NetDaemonApps.sln -c Release --no-build --nologo \
  --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

python3 - "$results" <<'PY'
import sys, glob, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed")); f += int(c.get("failed")) + int(c.get("error")) + int(c.get("timeout")) + int(c.get("aborted"))
    s += int(c.get("notExecuted"))
print(f"{p} passed, {f} failed, {s} skipped")
PY
rm -rf "$results"
exit $status
