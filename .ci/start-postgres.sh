# Start a private PostgreSQL server on 127.0.0.1 for the tests (sourced by .ci/run).
# Exports NQDESK_TEST_PG_URL and defines stop_postgres. Works as root (the server runs
# as the "postgres" user through runuser) and as an ordinary user.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "PostgreSQL is not installed (expected /usr/lib/postgresql/*/bin)" >&2
  return 1
fi
pg_root=$(mktemp -d /tmp/nqdesk-pg.XXXXXX)
as_pg() { "$@"; }
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$pg_root"
  as_pg() { runuser -u postgres -- "$@"; }
fi
as_pg "$pg_bin/initdb" -D "$pg_root/data" -U postgres -A trust -E UTF8 --no-locale >"$pg_root/initdb.log" 2>&1 || {
  cat "$pg_root/initdb.log" >&2; return 1; }
pg_port=""
for port in 55432 55433 55434 55435 55436; do
  if as_pg "$pg_bin/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w -t 60 \
       -o "-p $port -h 127.0.0.1 -k $pg_root -c fsync=off" start >/dev/null 2>&1; then
    pg_port=$port
    break
  fi
done
if [ -z "$pg_port" ]; then
  echo "PostgreSQL did not start:" >&2; cat "$pg_root/server.log" >&2; return 1
fi
as_pg "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres nqdesk_test
export NQDESK_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$pg_port/nqdesk_test"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port ($pg_root)"
# Stop the server and remove its data folder (about 200 MB under /tmp).
stop_postgres() {
  as_pg "$pg_bin/pg_ctl" -D "$pg_root/data" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$pg_root"
}
