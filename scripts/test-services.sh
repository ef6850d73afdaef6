#!/usr/bin/env bash
# Start what the tests need on this machine: the PostgreSQL 15 cluster and a superuser role
# for the current user. Safe to run repeatedly.
set -euo pipefail

if [ -n "${NETWEAVE_TEST_PG:-}" ] && [ "${NETWEAVE_TEST_PG_EXTERNAL:-}" = 1 ]; then
  exit 0  # an external server was given; nothing to start here
fi
if ! command -v pg_ctlcluster >/dev/null; then
  echo "scripts/test-services.sh: PostgreSQL 15 is not installed (apt-get install postgresql-15)" >&2
  exit 1
fi
if ! pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main"' | grep -q online; then
  pg_ctlcluster 15 main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h /var/run/postgresql && break
  sleep 1
done
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
  runuser -u postgres -- psql -qtAc "SELECT 1 FROM pg_roles WHERE rolname = '$user'" | grep -q 1 \
    || runuser -u postgres -- psql -qc "CREATE ROLE \"$user\" SUPERUSER LOGIN"
fi
psql -h /var/run/postgresql -d postgres -qtAc "SELECT 1" >/dev/null
