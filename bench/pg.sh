# Shared by the bench scripts that need a real PostgreSQL (source it from the repository root): start_pg starts a
# throwaway cluster of Debian's PostgreSQL (installed with apt-get if absent) on a free port with its data in a temp
# dir, as the test's embedded server is configured (fsync off: a bench measures the work, not the disk), and stops it
# on exit. Sets pg_port, pg_url (a JDBC URL) and pg_psql_cmd (psql against it, as an array); pg_psql runs it, pg_cpu
# reads the cluster's CPU seconds.
start_pg() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$bin" ]; then
    echo "installing Debian's postgresql" >&2
    apt-get install -y -q postgresql >/dev/null || { echo "no PostgreSQL and apt-get cannot install it" >&2; return 1; }
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
  pg_bin=$bin
  pg_data=$(mktemp -d)
  pg_port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  # PostgreSQL refuses to run as root: as root the cluster belongs to nobody.
  pg_as=()
  if [ "$(id -u)" = 0 ]; then chown nobody:nogroup "$pg_data"; pg_as=(setpriv --reuid=65534 --regid=65534 --clear-groups); fi
  chmod 700 "$pg_data"
  "${pg_as[@]}" "$bin/initdb" -A trust -U postgres -D "$pg_data" -E UTF8 --locale=C -N >/dev/null
  "${pg_as[@]}" "$bin/pg_ctl" -D "$pg_data" -l "$pg_data/server.log" -w -t 60 start \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB" >/dev/null
  pg_url="jdbc:postgresql://127.0.0.1:$pg_port/postgres?user=postgres"
  pg_psql_cmd=("$bin/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q)
}
# CPU seconds of the cluster: the postmaster, its live backends and the backends that have ended.
pg_cpu() {
  local pm t
  pm=$(head -1 "$pg_data/postmaster.pid"); t=$(getconf CLK_TCK)
  { cat "/proc/$pm/stat"; for c in $(pgrep -P "$pm"); do cat "/proc/$c/stat" 2>/dev/null; done; } \
    | awk -v t="$t" -v pm="$pm" '{s+=$14+$15; if ($1==pm) s+=$16+$17} END {print s/t}'
}
stop_pg() { [ -n "${pg_data:-}" ] && { "${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_data" -m immediate -w stop >/dev/null 2>&1; rm -rf "$pg_data"; pg_data=; }; true; }
pg_psql() { "${pg_psql_cmd[@]}" "$@"; }
