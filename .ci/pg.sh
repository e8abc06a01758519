# Throwaway PostgreSQL for tests.  Usage (bash):  source .ci/pg.sh; pg_up; ...; pg_down
# The server refuses to run as root, so initdb/pg_ctl run as the 'postgres' OS user
# (created by Debian's postgresql package). Each run gets a cluster of its own: a free port
# and a new directory (or PGPORT / PGBASE if given), so several runs can share a machine.
# pg_down stops and removes only the cluster this run started.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
_pg() { (cd / && runuser -u postgres -- "$PGBIN/$@"); }   # cd /: cwd may be unreadable to postgres
_free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PG_STARTED=""
pg_up() {
  PGPORT=${PGPORT:-$(_free_port)}
  # in the temp dir: the postgres user must be able to reach it
  PGBASE=${PGBASE:-$(mktemp -d "$(dirname "$(mktemp -u)")/ci-pg-XXXXXX")}
  if [ -f "$PGBASE/data/postmaster.pid" ]; then
    echo "pg.sh: a cluster already runs in $PGBASE; not touching it" >&2; return 1
  fi
  mkdir -p "$PGBASE" && chmod 755 "$PGBASE" && chown postgres: "$PGBASE"
  _pg initdb -D "$PGBASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$PGBASE/initdb.log" \
    || { cat "$PGBASE/initdb.log"; return 1; }
  _pg pg_ctl -D "$PGBASE/data" -l "$PGBASE/server.log" -w -t 60 -o "-F -k $PGBASE -h 127.0.0.1 -p $PGPORT" start >/dev/null \
    || { cat "$PGBASE/server.log"; return 1; }
  PG_STARTED="$PGBASE"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/app"
}
pg_down() {
  [ -n "$PG_STARTED" ] || return 0
  if [ -f "$PG_STARTED/data/postmaster.pid" ]; then _pg pg_ctl -D "$PG_STARTED/data" -m fast -w stop >/dev/null || true; fi
  rm -rf "$PG_STARTED"
  PG_STARTED=""
  return 0
}
