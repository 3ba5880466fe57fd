#!/usr/bin/env bash
# Usage: bench/stacks.sh            (or: make bench-stacks)
#
# Speed figures of the project stacks, each measured RUNS times (default 3)
# and reported as the median, with the machine's load average:
#
#   1. GET /api/tasks (one user, 50 tasks) with wrk against the tasks
#      solution in Go, Node and Python (gunicorn), each started as its
#      README says, one after the other;
#   2. `waymark check --all` of each Python solution (after make install);
#   3. `make install` of each Python solution (a new .venv, then pip) with
#      pip's own cache warm, and cold (an empty throwaway PIP_CACHE_DIR).
#
# Needs go, node with npm, python3 with venv, make, curl and wrk. Cold
# installs download every package again, so they need the package index.
# The servers listen on loopback only: where unshare(1) can make a network
# namespace, the wrk part runs in one that has nothing but loopback; else
# Go and Python are bound to 127.0.0.1 and Node (which has no such setting)
# listens on a random free port for the seconds its part takes.
#
# Knobs (environment): RUNS (3), TASKS (50), WRK_DURATION (10s),
# WRK_THREADS (2), WRK_CONNECTIONS (32), PROJECTS ("tasks blog ecommerce
# chat"), PARTS ("wrk check pip"). REDIS_URL is passed to the chat's checks
# (its scale milestone); without it the milestone is skipped.
# Everything it writes lives in one temporary folder, removed at the end,
# and every process it starts is stopped, also on Ctrl-C.
set -euo pipefail

RUNS=${RUNS:-3}
TASKS=${TASKS:-50}
WRK_DURATION=${WRK_DURATION:-10s}
WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-32}
PROJECTS=${PROJECTS:-tasks blog ecommerce chat}
PARTS=${PARTS:-wrk check pip}

root=$(cd "$(dirname "$0")/.." && pwd)
self="$root/bench/stacks.sh"

# shellcheck source=lib.sh
. "$root/bench/lib.sh"

# serve_and_load STACK DIR: start the tasks solution, give it a user with
# TASKS tasks, then run wrk RUNS times on the list. Prints one line per run:
# STACK requests/s p50 p99.
serve_and_load() {
  local stack=$1 dir=$2 port db token i out
  port=$(free_port)
  db="$dir/bench.db"
  rm -f "$db"*
  local env=(PORT="$port" HOST=127.0.0.1 APP_ENV=development LOG_LEVEL=error
    JWT_SECRET=bench-secret-bench-secret-bench-secret-0123 DATABASE_URL="sqlite://$db")
  case $stack in
    go) (cd "$dir" && exec env "${env[@]}" ./bin/server) >"$dir/server.log" 2>&1 & ;;
    node) (cd "$dir" && exec env "${env[@]}" node src/server.js) >"$dir/server.log" 2>&1 & ;;
    python) (cd "$dir" && exec env "${env[@]}" .venv/bin/gunicorn --config gunicorn.conf.py \
      --bind "127.0.0.1:$port") >"$dir/server.log" 2>&1 & ;;
  esac
  pids+=($!)
  log "$stack: started, adding $TASKS tasks"
  if ! wait_healthy "$port" 60; then
    log "$stack: the server did not answer /healthz; its log:"
    tail -20 "$dir/server.log" >&2
    stop_all
    return 1
  fi
  token=$(curl -fsS "http://127.0.0.1:$port/api/auth/register" -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"correct-horse-42"}' |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["access_token"])')
  for ((i = 1; i <= TASKS; i++)); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/api/tasks" -H "Authorization: Bearer $token" \
      -H 'Content-Type: application/json' -d "{\"title\":\"task $i\"}"
  done
  # The whole list in one page, so every stack sends the same 50 tasks.
  local url="http://127.0.0.1:$port/api/tasks?limit=$TASKS"
  [ "$(curl -fsS "$url" -H "Authorization: Bearer $token" | python3 -c 'import json, sys; print(len(json.load(sys.stdin)["data"]))')" = "$TASKS" ] || {
    log "$stack: the list does not hold $TASKS tasks"
    stop_all
    return 1
  }
  # A short warm-up, not counted.
  wrk -t1 -c4 -d2s -H "Authorization: Bearer $token" "$url" >/dev/null
  for ((i = 1; i <= RUNS; i++)); do
    out=$(wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --latency \
      -H "Authorization: Bearer $token" "$url")
    if grep -q 'Non-2xx' <<<"$out"; then
      log "$stack: wrk saw error answers:"
      log "$out"
      stop_all
      return 1
    fi
    printf '%s %s %s %s %s\n' "$stack" \
      "$(awk '/Requests\/sec/ { print $2 }' <<<"$out")" \
      "$(awk '$1 == "50%" { print $2 }' <<<"$out" | to_ms)" \
      "$(awk '$1 == "99%" { print $2 }' <<<"$out" | to_ms)" \
      "$(load | tr ' ' ,)"
  done
  stop_all
}

# Inside the network namespace: loopback up, then the three servers.
if [ "${1:-}" = --serve ]; then
  trap stop_all EXIT INT TERM
  if command -v ip >/dev/null; then ip link set lo up; fi
  shift
  while [ $# -gt 0 ]; do
    serve_and_load "$1" "$2"
    shift 2
  done
  exit 0
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/waymark-bench.XXXXXX")
cleanup() {
  stop_all
  chmod -R u+w "$work" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for t in go python3 make curl; do
  command -v "$t" >/dev/null || { log "bench-stacks needs $t"; exit 1; }
done

log "building waymark"
(cd "$root" && go build -o "$work/waymark" ./cmd/waymark)
# waymark keeps its progress in the throwaway folder, not in yours.
wm() {
  env XDG_DATA_HOME="$work/home/data" XDG_CONFIG_HOME="$work/home/config" \
    WAYMARK_PROGRESS="$work/home/progress.yaml" "$work/waymark" "$@"
}
gen() { # project stack -> prints the folder
  local d="$work/$1-$2"
  wm new "$1" "$d" --stack "$2" --solution --no-git >/dev/null
  printf '%s\n' "$d"
}
install_py() { # dir [extra env...]: a new .venv and its packages, timed
  local dir=$1 t
  shift
  rm -rf "$dir/.venv"
  t=$(now)
  env "$@" make -C "$dir" --no-print-directory install >"$dir/install.log" 2>&1 || {
    log "make install failed in $dir:"
    tail -20 "$dir/install.log" >&2
    return 1
  }
  elapsed "$t"
}

results="$work/results"
: >"$results"
printf 'load average at the start: %s (%s CPUs)\n' "$(load)" "$(nproc 2>/dev/null || echo '?')"

case " $PARTS " in *" wrk "*)
  command -v wrk >/dev/null || { log "the wrk part needs wrk (apt-get install wrk)"; exit 1; }
  command -v node >/dev/null || { log "the wrk part needs node and npm"; exit 1; }
  log "preparing the tasks solutions"
  godir=$(gen tasks go)
  (cd "$godir" && go build -o bin/server ./cmd/server)
  log "go built"
  nodedir=$(gen tasks node)
  (cd "$nodedir" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
  log "npm installed"
  pydir=$(gen tasks python)
  install_py "$pydir" >/dev/null
  log "GET /api/tasks?limit=$TASKS with wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$WRK_DURATION, $RUNS runs each"
  if unshare -rn true 2>/dev/null; then
    unshare -rn bash "$self" --serve go "$godir" node "$nodedir" python "$pydir" >>"$results"
  else
    log "no network namespace here: Node listens on every interface while it is measured"
    bash "$self" --serve go "$godir" node "$nodedir" python "$pydir" >>"$results"
  fi
  echo
  echo "GET /api/tasks?limit=$TASKS (the tasks solution, SQLite, $TASKS tasks), median of $RUNS"
  printf '%-8s %10s %10s %10s   %s\n' stack 'req/s' 'p50 ms' 'p99 ms' 'runs (req/s)'
  for s in go node python; do
    rps=$(awk -v s=$s '$1 == s { printf "%s ", $2 }' "$results")
    printf '%-8s %10s %10s %10s   %s\n' "$s" "$(median <<<"$rps")" \
      "$(awk -v s=$s '$1 == s { print $3 }' "$results" | sort -n | median)" \
      "$(awk -v s=$s '$1 == s { print $4 }' "$results" | sort -n | median)" "$rps"
  done
  printf 'load average during the runs: %s\n' "$(awk '{ printf "%s ", $5 }' "$results")"
  ;;
esac

if [ -z "${REDIS_URL:-}" ] && command -v redis-cli >/dev/null && redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
  REDIS_URL=redis://127.0.0.1:6379/0
fi
export REDIS_URL=${REDIS_URL:-}

case " $PARTS " in *" check "* | *" pip "*)
  for p in $PROJECTS; do
    [ -d "$work/$p-python" ] || gen "$p" python >/dev/null
  done
  ;;
esac

case " $PARTS " in *" check "*)
  echo
  echo "waymark check --all of each Python solution (seconds), median of $RUNS"
  printf '%-10s %8s   %-24s %s\n' project median runs load
  for p in $PROJECTS; do
    d="$work/$p-python"
    [ -x "$d/.venv/bin/python" ] || install_py "$d" >/dev/null
    times=() loads=()
    for ((i = 1; i <= RUNS; i++)); do
      log "$p: waymark check --all, run $i"
      t=$(now)
      if ! wm check "$d" --all --seed 7 >"$d/check.log" 2>&1; then
        log "waymark check --all failed in $p:"
        tail -30 "$d/check.log" >&2
        exit 1
      fi
      times+=("$(elapsed "$t")") loads+=("$(load | cut -d' ' -f1)")
    done
    skipped=$(grep -ci 'skipped' "$d/check.log" || true)
    printf '%-10s %8s   %-24s %s%s\n' "$p" "$(median <<<"${times[*]}")" "${times[*]}" "${loads[*]}" \
      "$([ "$skipped" -gt 0 ] && echo "  (a milestone skipped: see waymark check)")"
  done
  ;;
esac

case " $PARTS " in *" pip "*)
  echo
  echo "make install of each Python solution (a new .venv, then pip; seconds), median of $RUNS"
  printf '%-10s %8s %8s   %-20s %-20s %s\n' project warm cold 'warm runs' 'cold runs' load
  for p in $PROJECTS; do
    d="$work/$p-python"
    install_py "$d" >/dev/null # fills your pip cache, so the warm runs find everything there
    warm=() cold=() loads=()
    for ((i = 1; i <= RUNS; i++)); do
      log "$p: make install, warm and cold, run $i"
      warm+=("$(install_py "$d")")
      rm -rf "$work/pip-cache"
      cold+=("$(install_py "$d" PIP_CACHE_DIR="$work/pip-cache")")
      loads+=("$(load | cut -d' ' -f1)")
    done
    printf '%-10s %8s %8s   %-20s %-20s %s\n' "$p" "$(median <<<"${warm[*]}")" "$(median <<<"${cold[*]}")" \
      "${warm[*]}" "${cold[*]}" "${loads[*]}"
  done
  ;;
esac

printf '\nload average at the end: %s\n' "$(load)"
