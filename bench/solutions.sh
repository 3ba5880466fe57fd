#!/usr/bin/env bash
# Usage: bench/solutions.sh            (or: make bench-solutions)
#
# Each REST solution's main list against a minimal handler in the same
# language doing the same queries on the same database, in the same run
# (issue 20, items 4 and 5):
#
#   tasks      GET /api/tasks?status=todo&sort=due_date&limit=20, signed in,
#              for a user with TASKS tasks (a third "todo", half with labels)
#   ecommerce  GET /api/products?page=1&limit=20, with PRODUCTS products
#              added to the development sample catalogue
#
# for the Go, Node and Python solutions, each on SQLite and on PostgreSQL.
# A solution is started as its README says, seeded through its own API, then
# its minimal handler (bench/minimal/) is started on the same database, both
# are shown to list the same items, and wrk loads one then the other, RUNS
# times. It prints a Markdown table of medians: requests a second of each,
# their ratio (the median of each run's ratio; goal >= 0.5), the solution's
# p99 and, on PostgreSQL, that p99 over the same solution's p99 on SQLite
# (goal <= 2), with the load average of every run.
#
# PostgreSQL is the server DATABASE_URL or TEST_DATABASE_URL names (a
# postgres:// URL whose user may create databases); without one its rows are
# skipped. Each solution gets a database of its own, created for the run and
# dropped after it, so nothing else on that server is touched.
#
# Needs go, node with npm, python3 with venv, make, curl, wrk, and psql for
# PostgreSQL. npm and pip download the solutions' packages. Every server
# listens on 127.0.0.1 only (the Node solutions through
# bench/minimal/node/loopback.cjs). Everything it writes lives in one
# temporary folder, removed at the end, and every process it starts is
# stopped, also on Ctrl-C.
#
# Knobs (environment): RUNS (3), TASKS (200), PRODUCTS (30), WRK_DURATION
# (5s), WRK_THREADS (2), WRK_CONNECTIONS (32), PROJECTS ("tasks ecommerce"),
# STACKS ("go node python"), DATABASES ("sqlite postgres").
set -euo pipefail

RUNS=${RUNS:-3}
TASKS=${TASKS:-200}
PRODUCTS=${PRODUCTS:-30}
WRK_DURATION=${WRK_DURATION:-5s}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
PROJECTS=${PROJECTS:-tasks ecommerce}
STACKS=${STACKS:-go node python}
DATABASES=${DATABASES:-sqlite postgres}

root=$(cd "$(dirname "$0")/.." && pwd)
minimal="$root/bench/minimal"

# shellcheck source=lib.sh
. "$root/bench/lib.sh"

# PostgreSQL: the server to create the run's databases on, if any.
pg_admin=""
for u in "${DATABASE_URL:-}" "${TEST_DATABASE_URL:-}"; do
  case $u in postgres://* | postgresql://*) pg_admin=$u && break ;; esac
done
pg_dbs=()
pg_url() { # the admin URL with its database replaced by $1
  python3 -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/" + sys.argv[2])))' "$pg_admin" "$1"
}
pg_create() { # name: a new, empty database (not in a subshell: pg_dbs remembers it)
  psql "$pg_admin" -qX -v ON_ERROR_STOP=1 -c "CREATE DATABASE $1" >/dev/null
  pg_dbs+=("$1")
}
pg_drop_all() {
  local d
  for d in "${pg_dbs[@]}"; do
    psql "$pg_admin" -qX -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || log "could not drop database $d"
  done
  pg_dbs=()
}

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")
cleanup() {
  stop_all
  [ -z "$pg_admin" ] || pg_drop_all
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for t in go node npm python3 make curl wrk; do
  command -v "$t" >/dev/null || { log "bench-solutions needs $t"; exit 1; }
done
case " $DATABASES " in *" postgres "*)
  if [ -z "$pg_admin" ]; then
    log "no PostgreSQL: set DATABASE_URL or TEST_DATABASE_URL to a postgres:// URL to measure it; skipping it"
    DATABASES=${DATABASES//postgres/}
  elif ! command -v psql >/dev/null; then
    log "PostgreSQL needs psql to create the run's databases; skipping it"
    DATABASES=${DATABASES//postgres/}
  fi
  ;;
esac

log "building waymark and the Go minimal handler"
(cd "$root" && go build -o "$work/waymark" ./cmd/waymark && go build -o "$work/minimal-go" ./bench/minimal/go)
wm() { # waymark keeps its progress in the throwaway folder, not in yours
  env XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
    WAYMARK_PROGRESS="$work/home/progress.yaml" "$work/waymark" "$@"
}
for p in $PROJECTS; do
  for s in $STACKS; do
    d="$work/$p-$s"
    wm new "$p" "$d" --stack "$s" --solution --no-git >/dev/null
    case $s in
      go) (cd "$d" && go build -o bin/server ./cmd/server) ;;
      node) (cd "$d" && npm install --no-audit --no-fund --loglevel=error >/dev/null) ;;
      python) make -C "$d" --no-print-directory install >"$d/install.log" 2>&1 || {
        log "make install failed in $p-$s:"
        tail -20 "$d/install.log" >&2
        exit 1
      } ;;
    esac
    log "$p-$s ready"
  done
done

# start KIND STACK DIR PORT DBURL: the solution as its README says, or the
# minimal handler of its stack, in the background, on loopback. Each branch
# is one subshell that execs the server, so that $! is the server itself and
# stop_all's kill reaches it (a subshell around the case would be killed
# alone, leaving the server running).
start() {
  local kind=$1 stack=$2 dir=$3 port=$4 url=$5 log="$3/$1.log"
  local env=(PORT="$port" HOST=127.0.0.1 APP_ENV=development LOG_LEVEL=error DATABASE_URL="$url"
    JWT_SECRET=bench-secret-bench-secret-bench-secret-0123 WEBHOOK_SECRET=bench-webhook-secret-0123
    ADMIN_EMAIL=admin@example.com ADMIN_PASSWORD=waymark-bench-admin)
  case $kind-$stack in
    solution-go) (cd "$dir" && exec env "${env[@]}" ./bin/server) >>"$log" 2>&1 & ;;
    solution-node) (cd "$dir" && exec env "${env[@]}" node --require "$minimal/node/loopback.cjs" \
      src/server.js) >>"$log" 2>&1 & ;;
    solution-python) (cd "$dir" && exec env "${env[@]}" .venv/bin/gunicorn --config gunicorn.conf.py \
      --bind "127.0.0.1:$port") >>"$log" 2>&1 & ;;
    minimal-go) (exec env "${env[@]}" "$work/minimal-go") >>"$log" 2>&1 & ;;
    minimal-node) (cd "$dir" && exec env "${env[@]}" node "$minimal/node/server.mjs") >>"$log" 2>&1 & ;;
    minimal-python) (cd "$dir" && exec env "${env[@]}" .venv/bin/gunicorn \
      --config "$minimal/python/gunicorn.conf.py" --chdir "$minimal/python") >>"$log" 2>&1 & ;;
  esac
  pids+=($!)
}

wait_ok() { # url: up to 60 seconds for a 200
  local i
  for ((i = 0; i < 300; i++)); do
    curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
    sleep 0.2
  done
  return 1
}

# load URL HEADER: one wrk run; prints requests/s and p99 in ms.
load_once() {
  local out
  out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency -H "$2" "$1")
  if grep -q 'Non-2xx' <<<"$out"; then
    log "wrk saw error answers from $1:"
    log "$out"
    return 1
  fi
  # Timeouts (no answer within wrk's 2 seconds) are counted, not fatal.
  if grep -q 'Socket errors' <<<"$out"; then log "$1: $(grep 'Socket errors' <<<"$out")"; fi
  printf '%s %s\n' "$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" \
    "$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)"
}

# measure PROJECT STACK DB: prints one line per run: project stack db
# solution-req/s minimal-req/s solution-p99 minimal-p99 load1.
measure() {
  local project=$1 stack=$2 db=$3 dir="$work/$1-$2" url sport mport owner token sol min i
  case $db in
    sqlite) rm -f "$dir"/bench.db* && url="sqlite://$dir/bench.db" ;;
    postgres)
      pg_create "waymark_bench_$$_${project}_$stack"
      url=$(pg_url "waymark_bench_$$_${project}_$stack")
      ;;
  esac
  sport=$(free_port)
  start solution "$stack" "$dir" "$sport" "$url"
  wait_ok "http://127.0.0.1:$sport/healthz" || {
    log "$project-$stack on $db: the solution did not start; its log:"
    tail -20 "$dir/solution.log" >&2
    return 1
  }
  local header="X-Bench: 1" spath mpath
  case $project in
    tasks)
      read -r owner token < <(python3 "$minimal/seed.py" tasks "$sport" "$TASKS")
      header="Authorization: Bearer $token"
      spath="/api/tasks?status=todo&sort=due_date&limit=20"
      mpath="/api/tasks?owner=$owner&status=todo&limit=20"
      ;;
    ecommerce)
      python3 "$minimal/seed.py" ecommerce "$sport" "$PRODUCTS"
      spath="/api/products?page=1&limit=20"
      mpath="/api/products?page=1&limit=20"
      ;;
  esac
  mport=$(free_port)
  start minimal "$stack" "$dir" "$mport" "$url"
  sol="http://127.0.0.1:$sport$spath" min="http://127.0.0.1:$mport$mpath"
  wait_ok "$min" || {
    log "$project-$stack on $db: the minimal handler did not start; its log:"
    tail -20 "$dir/minimal.log" >&2
    return 1
  }
  python3 "$minimal/seed.py" same "$sol" "$min" "${token:-}" || return 1
  # A short warm-up of each (a JIT, caches, pools), not counted.
  wrk -t1 -c4 -d2s -H "$header" "$sol" >/dev/null
  wrk -t1 -c4 -d2s -H "$header" "$min" >/dev/null
  for ((i = 1; i <= RUNS; i++)); do
    local a b
    a=$(load_once "$sol" "$header") || return 1
    b=$(load_once "$min" "$header") || return 1
    set -- $a $b
    printf '%s %s %s %s %s %s %s %s\n' "$project" "$stack" "$db" "$1" "$3" "$2" "$4" "$(load | cut -d' ' -f1)"
    log "$project-$stack on $db, run $i: solution $1/s (p99 $2 ms), minimal $3/s (p99 $4 ms), load $(load)"
  done
  stop_all
  [ "$db" = sqlite ] || pg_drop_all
}

results="$work/results"
: >"$results"
started_load=$(load)
log "each list: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION, solution and minimal handler in turn, $RUNS runs"
for p in $PROJECTS; do
  for s in $STACKS; do
    for db in $DATABASES; do
      measure "$p" "$s" "$db" >>"$results"
    done
  done
done

cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
echo
echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc 2>/dev/null || echo '?') CPUs (${cpu:-unknown CPU}),"
echo "$(uname -sm); load average $started_load at the start, $(load) at the end."
echo "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION, medians of $RUNS runs; tasks: $TASKS tasks, ecommerce: $PRODUCTS products added."
echo
echo '| project | stack | database | solution req/s | minimal req/s | ratio (goal ≥ 0.5) | solution p99 | p99 / SQLite (goal ≤ 2×) | load (1 min) per run |'
echo '| --- | --- | --- | --- | --- | --- | --- | --- | --- |'
for p in $PROJECTS; do
  for s in $STACKS; do
    sqlite_p99=""
    for db in $DATABASES; do
      rows=$(awk -v p="$p" -v s="$s" -v d="$db" '$1 == p && $2 == s && $3 == d' "$results")
      [ -n "$rows" ] || continue
      col() { awk -v c="$1" '{ printf "%s ", $c }' <<<"$rows" | median; }
      ratios=$(awk '{ printf "%.2f ", $4 / $5 }' <<<"$rows")
      ratio=$(median <<<"$ratios")
      p99=$(col 6)
      rel="—"
      if [ "$db" = sqlite ]; then
        sqlite_p99=$p99
      elif [ -n "$sqlite_p99" ]; then
        rel=$(awk -v a="$p99" -v b="$sqlite_p99" 'BEGIN { r = a / b; printf "%.2f× %s", r, (r <= 2 ? "met" : "**not met**") }')
      fi
      printf '| %s | %s | %s | %.0f | %.0f | %s %s (runs: %s) | %s ms | %s | %s |\n' "$p" "$s" "$db" "$(col 4)" "$(col 5)" \
        "$ratio" "$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5 ? "met" : "**not met**") }')" "${ratios% }" "$p99" "$rel" \
        "$(awk '{ printf "%s ", $8 }' <<<"$rows" | sed 's/ $//')"
    done
  done
done
