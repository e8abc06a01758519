# Throwaway PostgreSQL for tests.  Usage (bash):  source .ci/pg.sh; pg_up; ...; pg_down
# The server refuses to run as root, so initdb/pg_ctl run as the 'postgres' OS user
# (created by Debian's postgresql package). Re-runnable: a cluster left at $PGBASE by
# an earlier run (still running, or killed) is stopped and wiped first.
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PGPORT=${PGPORT:-54329}
# a fixed dir in the temp dir: the postgres user must be able to reach it
PGBASE=${PGBASE:-$(dirname "$(mktemp -u)")/ci-pg-$PGPORT}
_pg() { (cd / && runuser -u postgres -- "$PGBIN/$@"); }   # cd /: cwd may be unreadable to postgres
pg_up() {
  if [ -f "$PGBASE/data/postmaster.pid" ]; then _pg pg_ctl -D "$PGBASE/data" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$PGBASE" && mkdir -p "$PGBASE" && chown postgres: "$PGBASE"
  _pg initdb -D "$PGBASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N >"$PGBASE/initdb.log" \
    || { cat "$PGBASE/initdb.log"; return 1; }
  _pg pg_ctl -D "$PGBASE/data" -l "$PGBASE/server.log" -w -t 60 -o "-F -k $PGBASE -h 127.0.0.1 -p $PGPORT" start >/dev/null \
    || { cat "$PGBASE/server.log"; return 1; }
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/app"
}
pg_down() { if [ -f "$PGBASE/data/postmaster.pid" ]; then _pg pg_ctl -D "$PGBASE/data" -m fast -w stop >/dev/null; fi; return 0; }
