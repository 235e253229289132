#!/usr/bin/env bash
# Install (Debian, as root) and start the services the full test suite uses:
#   - a throwaway PostgreSQL server on 127.0.0.1 (exports ONTHERECORD_TEST_POSTGRES)
#   - headless Chromium for the browser tests (exports ONTHERECORD_CHROMIUM)
# Source it: `source scripts/services.sh`; the server stops when the sourcing shell exits.
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
fc-list 2>/dev/null | grep -qi dejavu || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing ${need[*]} with apt-get" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "missing Debian packages: ${need[*]} (install them with apt-get as root)" >&2
  fi
fi

if command -v chromium >/dev/null 2>&1; then
  export ONTHERECORD_CHROMIUM="$(command -v chromium)"
fi

pg_bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -n "$pg_bin" ] && [ -z "${ONTHERECORD_TEST_POSTGRES:-}" ]; then
  pg_dir="$(mktemp -d /tmp/ontherecord-pg.XXXXXX)"
  pg_port="${ONTHERECORD_PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
  run_pg=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pg_dir"
    run_pg=(runuser -u postgres --)
  fi
  "${run_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 >/dev/null
  "${run_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
      -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
  export ONTHERECORD_TEST_POSTGRES="postgresql://postgres@127.0.0.1:$pg_port/postgres"
  _ontherecord_pg_stop() { "${run_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
  trap _ontherecord_pg_stop EXIT
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') running for the tests at $ONTHERECORD_TEST_POSTGRES" >&2
fi
