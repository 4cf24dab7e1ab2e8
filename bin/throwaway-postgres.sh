# Sourced by bin/verify and benchmarks/endpoint-fleet.sh (not run on its own): a throwaway PostgreSQL server of
# Debian's binaries (/usr/lib/postgresql/<version>/bin, or $USM_PG_BIN) in a temporary directory, on a free
# loopback port, as the postgres user when run as root (initdb refuses root). pg_start exports its JDBC URL, user
# and password as USM_TEST_POSTGRES_URL, USM_TEST_POSTGRES_USER, USM_TEST_POSTGRES_PASSWORD; pg_stop stops it and
# removes the directory (call it from an EXIT trap).

pg_bin="${USM_PG_BIN:-}"
if [[ -z "$pg_bin" ]]; then
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then pg_bin="$candidate"; break; fi
    done
fi
pg_dir=""

pg_as_owner() {
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$(( 20000 + RANDOM % 30000 ))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
    done
    echo "no free loopback port found" >&2
    return 1
}

# pg_start [durable]: durable keeps PostgreSQL's defaults (fsync, synchronous commit: benchmarks); anything
# else turns them off (tests: a throwaway server need not survive a crash).
pg_start() {
    local settings="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    if [[ "${1:-}" == "durable" ]]; then settings=""; fi
    pg_dir="$(mktemp -d /tmp/usm-pg.XXXXXX)"
    chmod 0755 "$pg_dir"
    local password
    password="$(head -c 24 /dev/urandom | base64 | tr -d '/+=')"
    printf '%s\n' "$password" > "$pg_dir/pwfile"
    if [[ "$(id -u)" == 0 ]]; then chown -R postgres "$pg_dir"; fi
    pg_as_owner "$pg_bin/initdb" -D "$pg_dir/data" -U usm_test --pwfile="$pg_dir/pwfile" --auth=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log" 2>&1 \
        || { cat "$pg_dir/initdb.log" >&2; echo "initdb failed" >&2; return 1; }
    rm -f "$pg_dir/pwfile"
    local port
    port="$(pg_free_port)"
    pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 \
        -o "-p $port -c listen_addresses=127.0.0.1 -k $pg_dir -c max_connections=300 $settings" start >/dev/null \
        || { cat "$pg_dir/server.log" >&2; echo "PostgreSQL did not start" >&2; return 1; }
    export USM_TEST_POSTGRES_URL="jdbc:postgresql://127.0.0.1:$port/postgres"
    export USM_TEST_POSTGRES_USER=usm_test
    export USM_TEST_POSTGRES_PASSWORD="$password"
    local mode="fsync off: a test server"
    if [[ "${1:-}" == "durable" ]]; then mode="durable: fsync and synchronous commit on"; fi
    echo "$(basename "$0"): PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port ($mode)"
}

pg_stop() {
    if [[ -n "$pg_dir" && -d "$pg_dir" ]]; then
        pg_as_owner "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true
        rm -rf "$pg_dir"
        pg_dir=""
    fi
}
