#!/usr/bin/env bash
# Five questions asked as whole processes, side by side: planq from the raw text
# (--no-cache), planq from its model cache, sqlite3 on the exported database, the DuckDB
# CLI on a database built from the csv export, and jq on the JSON export; at N = 1, 100 and
# 1,000 copies of the seeds (benches/support/corpus.rs). Prints each median and its ratio
# to sqlite3's. Installs what it can (hyperfine, sqlite3, jq from Debian; the DuckDB CLI
# from PyPI); a tool it cannot get is left out and said so.
#
#   benches/compare.sh                 # N = 1 100 1000
#   SIZES="1 100" RUNS=5 benches/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${SIZES:-"1 100 1000"}
RUNS=${RUNS:-10}
WORK=${WORK:-${TMPDIR:-/tmp}/planq-compare}
mkdir -p "$WORK"

say() { printf '%s\n' "$*" >&2; }

need() {
    command -v "$1" >/dev/null && return 0
    if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
        say "installing $2 …"
        (apt-get update -qq && apt-get install -y -qq "$2") >/dev/null 2>&1 || true
    fi
    command -v "$1" >/dev/null
}

need hyperfine hyperfine || { say "hyperfine is needed (apt-get install hyperfine)"; exit 2; }
need sqlite3 sqlite3 || { say "sqlite3 is needed (apt-get install sqlite3)"; exit 2; }
HAVE_JQ=1; need jq jq || { HAVE_JQ=0; say "jq not found: left out"; }

# The DuckDB CLI: on PATH, or the duckdb-cli wheel from PyPI (its real binary, not the
# Python launcher, so its start-up is DuckDB's own).
DUCKDB=""
find_duckdb() {
    python3 -c 'import duckdb_cli, os; print(os.path.join(os.path.dirname(duckdb_cli.__file__), "duckdb"))' 2>/dev/null ||
        command -v duckdb || true
}
DUCKDB=$(find_duckdb)
if [ -z "$DUCKDB" ] && command -v pip >/dev/null; then
    say "installing the DuckDB CLI (pip install duckdb-cli) …"
    pip install -q duckdb-cli >/dev/null 2>&1 || true
    DUCKDB=$(find_duckdb)
fi
[ -n "$DUCKDB" ] || say "the DuckDB CLI not found: left out"

cargo build --release -q --bin planq --example make_corpus
PLANQ=$PWD/target/release/planq
export PLANQ_DATA_DIR=$WORK/data

# The questions: a name, then planq's query, SQL (sqlite3 and DuckDB) and jq.
NAMES=(filter group regex top ranking)
declare -A PQ SQL JQ
PQ[filter]='tasks where dept = "区经济发展局" and target.unit = "家" | count'
SQL[filter]="SELECT count(*) FROM tasks t WHERE EXISTS (SELECT 1 FROM units u WHERE u.task_id = t.id AND u.name = '区经济发展局') AND EXISTS (SELECT 1 FROM targets g WHERE g.task_id = t.id AND g.unit = '家');"
JQ[filter]='[.documents[].tasks[] | select(((.lead + .support) | index("区经济发展局")) and any(.targets[]; .unit == "家"))] | length'
PQ[group]='tasks group by doc.region select doc.region, count() as n order by n desc limit 10'
SQL[group]="SELECT d.region, count(*) AS n FROM tasks t JOIN docs d ON d.id = t.doc_id GROUP BY d.region ORDER BY n DESC LIMIT 10;"
JQ[group]='[.documents[] | {r: .region, n: (.tasks | length)}] | group_by(.r) | map({r: .[0].r, n: (map(.n) | add)}) | sort_by(-.n) | .[:10]'
PQ[regex]='tasks where text matches "光伏|储能" | count'
SQL[regex]="SELECT count(*) FROM tasks WHERE regexp_matches(text, '光伏|储能');"
JQ[regex]='[.documents[].tasks[] | select(.text | test("光伏|储能"))] | length'
PQ[top]='targets where unit = "亿元" order by amount desc limit 10 select doc.region, task.no, value, unit'
SQL[top]="SELECT d.region, t.no, g.value, g.unit FROM targets g JOIN tasks t ON t.id = g.task_id JOIN docs d ON d.id = g.doc_id WHERE g.unit = '亿元' ORDER BY g.base_value DESC LIMIT 10;"
JQ[top]='[.documents[] as $d | $d.tasks[] as $t | $t.targets[] | select(.unit == "亿元") | {r: $d.region, no: $t.no, v: .value, b: (.base_value | tonumber)}] | sort_by(-.b) | .[:10]'
PQ[ranking]='units where role = "lead" group by name select name, count() as n order by n desc limit 10'
SQL[ranking]="SELECT name, count(*) AS n FROM units WHERE role = 'lead' GROUP BY name ORDER BY n DESC LIMIT 10;"
JQ[ranking]='[.documents[].tasks[].lead[]] | group_by(.) | map({n: .[0], c: length}) | sort_by(-.c) | .[:10]'

# sqlite3 has no regexp_matches; its shell's REGEXP operator does the same.
sqlite_sql() { printf '%s' "${SQL[$1]}" | sed "s/regexp_matches(text, \('[^']*'\))/text REGEXP \1/"; }

# The median of hyperfine's JSON, in milliseconds.
median_ms() { python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$1"; }

time_it() { # NAME OUT COMMAND…
    local out=$2; shift 2
    hyperfine -N --warmup 1 --min-runs 3 --max-runs "$RUNS" --export-json "$out" "$@" >/dev/null 2>&1 &&
        median_ms "$out" || echo "-"
}

ratio() { python3 -c 'import sys; a,b=sys.argv[1:]; print("-" if "-" in (a,b) else "%.2f" % (float(a)/float(b)))' "$1" "$2"; }

printf '# planq compare — %s; %s cores, %s\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf '# medians of whole-process runs (hyperfine -N, 1 warm-up, 3–%s runs), ms; ratio = time ÷ sqlite3\n\n' "$RUNS"
# The card query on the seeds: compiled in, and read from seeds/ (raw and cached).
seeds_db=$WORK/seeds.db
"$PLANQ" export --format sqlite --out "$seeds_db"
"$PLANQ" --docs seeds -e 'docs | count' >/dev/null
card="${PQ[filter]% | count}"
card_sql="SELECT d.region, t.no, t.title FROM tasks t JOIN docs d ON d.id = t.doc_id WHERE EXISTS (SELECT 1 FROM units u WHERE u.task_id = t.id AND u.name = '区经济发展局') AND EXISTS (SELECT 1 FROM targets g WHERE g.task_id = t.id AND g.unit = '家');"
embedded=$(time_it embedded "$WORK/e.json" "$PLANQ -e '$card'")
seeds_raw=$(time_it seeds_raw "$WORK/r.json" "$PLANQ --no-cache --docs seeds -e '$card'")
seeds_cached=$(time_it seeds_cached "$WORK/c.json" "$PLANQ --docs seeds -e '$card'")
seeds_sqlite=$(time_it seeds_sqlite "$WORK/s.json" "sqlite3 $seeds_db \"$card_sql\"")
printf '| the card query on the seeds | ms | ÷ sqlite3 |\n|---|---|---|\n'
printf '| planq, embedded seeds | %s | %s |\n' "$embedded" "$(ratio "$embedded" "$seeds_sqlite")"
printf '| planq --docs seeds/ --no-cache | %s | %s |\n' "$seeds_raw" "$(ratio "$seeds_raw" "$seeds_sqlite")"
printf '| planq --docs seeds/ (cached) | %s | %s |\n' "$seeds_cached" "$(ratio "$seeds_cached" "$seeds_sqlite")"
printf '| sqlite3 seeds.db | %s | 1.00 |\n\n' "$seeds_sqlite"

printf '| N | MB | question | planq raw | planq cached | sqlite3 | DuckDB | jq | raw/sqlite | cached/sqlite |\n'
printf '|---|---|---|---|---|---|---|---|---|---|\n'

for n in $SIZES; do
    docs=$WORK/c$n
    [ -d "$docs" ] || ./target/release/examples/make_corpus "$docs" "$n" >/dev/null
    mb=$(du -sk "$docs" | awk '{printf "%.1f", $1 / 1024}')
    db=$WORK/c$n.db; json=$WORK/c$n.json; duck=$WORK/c$n.duckdb
    "$PLANQ" export --no-cache --docs "$docs" --format sqlite --out "$db"
    [ "$HAVE_JQ" = 1 ] && "$PLANQ" export --no-cache --docs "$docs" --out "$json"
    if [ -n "$DUCKDB" ]; then
        rm -rf "$WORK/c$n.csv" "$duck"
        "$PLANQ" export --no-cache --docs "$docs" --format csv --out "$WORK/c$n.csv"
        for t in docs tasks units targets; do
            echo "CREATE TABLE $t AS FROM read_csv('$WORK/c$n.csv/$t.csv', header = true);"
        done | "$DUCKDB" "$duck"
    fi
    "$PLANQ" --docs "$docs" -e 'docs | count' >/dev/null # fills the cache
    for q in "${NAMES[@]}"; do
        raw=$(time_it raw "$WORK/raw.json" "$PLANQ --no-cache --docs $docs -e '${PQ[$q]}'")
        cached=$(time_it cached "$WORK/cached.json" "$PLANQ --docs $docs -e '${PQ[$q]}'")
        sq=$(time_it sqlite "$WORK/sqlite.json" "sqlite3 $db \"$(sqlite_sql "$q")\"")
        dk="-"; [ -n "$DUCKDB" ] && dk=$(time_it duckdb "$WORK/duckdb.json" "$DUCKDB -readonly $duck \"${SQL[$q]}\"")
        j="-"; [ "$HAVE_JQ" = 1 ] && j=$(time_it jq "$WORK/jq.json" "jq '${JQ[$q]}' $json")
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$n" "$mb" "$q" "$raw" "$cached" "$sq" "$dk" "$j" \
            "$(ratio "$raw" "$sq")" "$(ratio "$cached" "$sq")"
    done
done
