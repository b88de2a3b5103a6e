# Sourced by .ci/run: a throwaway PostgreSQL cluster for the tests, in a temporary folder, on a free port.
# Exports BOT_TEST_POSTGRES_URL (the tests on PostgreSQL fail, not skip, when it is set and unreachable)
# and stops the cluster and removes its folder when the sourcing shell exits.

bot_pg_start() {
  local initdb_path bindir port started
  started=$(date +%s.%N)
  initdb_path=$(command -v initdb || true)
  if [ -z "$initdb_path" ]; then
    initdb_path=$( (ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null || true) | sort -V | tail -n 1)
  fi
  if [ -z "$initdb_path" ]; then
    echo "postgres.sh: installing Debian's postgresql package (initdb is missing)" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    initdb_path=$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
  fi
  bindir=$(dirname "$(readlink -f "$initdb_path")")
  BOT_PG_DIR=$(mktemp -d /tmp/bot-pg.XXXXXX)
  BOT_PG_RUN=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to an unprivileged user.
    BOT_PG_RUN=(runuser -u nobody --)
    chown nobody "$BOT_PG_DIR"
  fi
  BOT_PG_CTL="$bindir/pg_ctl"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "${BOT_PG_RUN[@]}" "$bindir/initdb" -D "$BOT_PG_DIR/data" -U bot --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 >"$BOT_PG_DIR/initdb.log" 2>&1 || { cat "$BOT_PG_DIR/initdb.log" >&2; return 1; }
  # Unix socket only (no TCP), in the temporary folder; no fsync: the data is thrown away.
  "${BOT_PG_RUN[@]}" "$BOT_PG_CTL" -D "$BOT_PG_DIR/data" -l "$BOT_PG_DIR/server.log" -w -s \
    -o "-p $port -k $BOT_PG_DIR -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start || { cat "$BOT_PG_DIR/server.log" >&2; return 1; }
  export BOT_TEST_POSTGRES_URL="postgresql://bot@/postgres?host=$BOT_PG_DIR&port=$port"
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port, socket in" \
    "$BOT_PG_DIR, started in $(python3 -c "print(f'{$(date +%s.%N) - $started:.1f}')") s" >&2
}

bot_pg_stop() {
  if [ -n "${BOT_PG_DIR:-}" ] && [ -d "$BOT_PG_DIR/data" ]; then
    "${BOT_PG_RUN[@]}" "$BOT_PG_CTL" -D "$BOT_PG_DIR/data" -m fast -w -s stop || true
  fi
  [ -n "${BOT_PG_DIR:-}" ] && rm -rf "$BOT_PG_DIR"
  unset BOT_TEST_POSTGRES_URL
}

trap bot_pg_stop EXIT
bot_pg_start
