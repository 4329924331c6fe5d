#!/usr/bin/env bash
# setup-postgres.sh installs and starts a local PostgreSQL for the hub's store tests and
# prints the DSN they read from LOKET_TEST_PG_DSN, alone on stdout:
#
#   export LOKET_TEST_PG_DSN="$(scripts/setup-postgres.sh)"
#
# It is idempotent: the package, the running cluster, the role and the database are each
# made only when missing. It listens on 127.0.0.1 only; the password is not a secret (a test
# database on a test machine), it only satisfies Debian's scram-sha-256 rule for TCP.
set -euo pipefail

say() { echo "setup-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends postgresql >&2
fi

# Debian 12 ships 15; take whatever major version is installed if that changes.
version="$(ls /usr/lib/postgresql | sort -n | tail -1)"
cluster=main
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$version $cluster"; then
  say "creating cluster $version/$cluster"
  pg_createcluster "$version" "$cluster" >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $4}' | grep -qx online; then
  say "starting cluster $version/$cluster"
  pg_ctlcluster "$version" "$cluster" start >&2
fi

port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1==v && $2==c {print $3}')"
psql_admin() { su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -qtAX $*"; }

# Wait until the server takes connections (start returns before that on a cold disk).
for _ in $(seq 1 60); do
  if psql_admin "-c 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 0.5
done

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'loket_test'\"")" != 1 ]; then
  say "creating role loket_test"
  psql_admin "-c \"CREATE ROLE loket_test LOGIN PASSWORD 'loket_test'\"" >&2
fi
if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = 'loket_test'\"")" != 1 ]; then
  say "creating database loket_test"
  psql_admin "-c \"CREATE DATABASE loket_test OWNER loket_test\"" >&2
fi

echo "postgres://loket_test:loket_test@127.0.0.1:$port/loket_test?sslmode=disable"
