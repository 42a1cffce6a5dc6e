#!/usr/bin/env bash
# Soak test, not part of `mvnw verify` (it takes minutes and loads the whole machine):
# N concurrent `lemon run`s of different stories into ONE store, plus a few runs that reuse one of
# those run ids with another story at the same moment; then every run's outputs are compared with
# a solo run of the same story. Prints wall time, runs per minute, and the number of runs whose
# outputs were mixed (a file differs from the solo run's, or the manifest names another story) or
# lost (the run, a file or a finished stage missing). Exit 0 only for 0 mixed, 0 lost.
#
#   test/soak.sh [--runs 20] [--scenes 5] [--portraits 1] [--clashes 2] [--work DIR]
#   test/soak.sh --check-only --work DIR     # the comparison again, on a finished soak's folder
#
# Environment: LEMON_JAVA_OPTS (default "-Xmx384m -XX:+UseSerialGC": a run needs about 1 GB at its
# peak, mostly native memory of the engines), SOAK_MIN_FREE_MB (default 1500: a run is started only
# while the machine has that much memory available, so the soak cannot push other processes into
# the OOM killer; the report says how many runs were in flight at most), LEMON_IMAGES_STEPS.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
lemon="$here/lemon"
shared="$here/../shared/data"

runs=20 scenes=5 portraits=1 clashes=2 work="" check_only=0
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --scenes) scenes="$2"; shift 2 ;;
    --portraits) portraits="$2"; shift 2 ;;
    --clashes) clashes="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    --check-only) check_only=1; shift ;;
    *) echo "soak: unknown option $1" >&2; exit 2 ;;
  esac
done
work="${work:-$(mktemp -d "${TMPDIR:-/tmp}/lemon-soak.XXXXXX")}"
mkdir -p "$work/stories" "$work/logs"
export LEMON_JAVA_OPTS="${LEMON_JAVA_OPTS:--Xmx384m -XX:+UseSerialGC}"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
min_free_mb="${SOAK_MIN_FREE_MB:-1500}"

if [ "$check_only" -eq 0 ]; then
"$lemon" --help > /dev/null # builds the CLI first, outside the timed part

# Different stories: the shared tales and new stories, the bundled examples, then the second half
# of a tale (another text, with the same people) for as many more as --runs asks.
stories=()
for f in "$shared"/tales/*.txt "$shared"/new-stories/*.txt; do
  [ "$(basename "$f")" = README.md ] || stories+=("$f")
done
stories+=(example:ali-baba example:valiant-tailor)
for f in "$shared"/tales/*.txt; do
  [ "${#stories[@]}" -ge "$runs" ] && break
  half="$work/stories/$(basename "$f" .txt)-second-half.txt"
  total=$(wc -l < "$f")
  tail -n +"$((total / 2))" "$f" > "$half"
  stories+=("$half")
done
if [ "${#stories[@]}" -lt "$runs" ]; then
  echo "soak: only ${#stories[@]} different stories for $runs runs" >&2; exit 2
fi
stories=("${stories[@]:0:$runs}")
printf '%s\n' "${stories[@]}" > "$work/stories.txt"
fi
name() { local s="${1#example:}"; s="$(basename "$s")"; echo "${s%.*}"; }

if [ "$check_only" -eq 0 ]; then
mem_free_mb() { awk '/^MemAvailable/ {print int($2 / 1024)}' /proc/meminfo; }
wait_for_memory() {
  local waited=0
  while [ "$(mem_free_mb)" -lt "$min_free_mb" ]; do
    [ $waited -eq 0 ] && echo "  (waiting for ${min_free_mb} MB of free memory before the next start)"
    waited=1; sleep 2
  done
}

echo "soak: ${#stories[@]} concurrent runs + $clashes clashing ones into $work/soak (--scenes $scenes --portraits $portraits)"
pids=() ids=() logs=() files=()
in_flight_max=0
start=$(date +%s.%N)
for i in "${!stories[@]}"; do
  s="${stories[$i]}"; id=$(printf 'soak-%02d-%s' "$i" "$(name "$s")"); id="${id:0:64}"
  wait_for_memory
  "$lemon" run "$s" --out "$work/soak" --run-id "$id" --scenes "$scenes" --portraits "$portraits" \
    > "$work/logs/$id.log" 2>&1 &
  pids+=($!) ids+=("$id") logs+=("$work/logs/$id.log") files+=("$s")
  if [ "$i" -lt "$clashes" ]; then # the same run id, another story, at the same moment
    other="${stories[$((i + 1))]}"
    "$lemon" run "$other" --out "$work/soak" --run-id "$id" --scenes "$scenes" --portraits "$portraits" \
      > "$work/logs/$id.clash.log" 2>&1 &
    pids+=($!) ids+=("$id") logs+=("$work/logs/$id.clash.log") files+=("$other")
  fi
  n=$(jobs -rp | wc -l); [ "$n" -gt "$in_flight_max" ] && in_flight_max=$n
done
codes=()
while [ "$(jobs -rp | wc -l)" -gt 0 ]; do
  n=$(jobs -rp | wc -l); [ "$n" -gt "$in_flight_max" ] && in_flight_max=$n
  sleep 1
done
for p in "${pids[@]}"; do
  if wait "$p"; then codes+=(0); else codes+=($?); fi
done
end=$(date +%s.%N)
wall=$(echo "$end - $start" | bc)
# what ran and how it ended, for the checks below (and --check-only later)
for k in "${!pids[@]}"; do printf '%s\t%s\t%s\t%s\n' "${ids[$k]}" "${logs[$k]}" "${files[$k]}" "${codes[$k]}"; done \
  > "$work/processes.tsv"
printf '%s\t%s\t%s\n' "$wall" "$in_flight_max" "$clashes" > "$work/soak.tsv"

echo "soak: solo runs, one at a time, into $work/solo"
for i in "${!stories[@]}"; do
  s="${stories[$i]}"; id="solo-$(name "$s")"; id="${id:0:64}"
  "$lemon" run "$s" --out "$work/solo" --run-id "$id" --scenes "$scenes" --portraits "$portraits" \
    > "$work/logs/$id.log" 2>&1 || echo "  solo run of $(name "$s") failed: see $work/logs/$id.log"
done
fi

mapfile -t stories < "$work/stories.txt"
ids=() logs=() files=() codes=()
while IFS=$'\t' read -r a b c d; do ids+=("$a") logs+=("$b") files+=("$c") codes+=("$d"); done < "$work/processes.tsv"
IFS=$'\t' read -r wall in_flight_max clashes < "$work/soak.tsv"

sha_of() { # the sha-256 lemon records for a story: of the file, or of the bundled example
  if [[ "$1" == example:* ]]; then
    jq -r .input.sha256 "$work/solo/solo-$(name "$1")/manifest.json"
  else
    sha256sum "$1" | cut -d' ' -f1
  fi
}
# outputs of a run that must equal the solo run's byte for byte: all but the manifest and the
# report (they carry the run id and timings, checked separately) and the lease folder
outputs() { (cd "$1" && find . -type f ! -name manifest.json ! -name report.html ! -path './lease/*' | sort); }

mixed=0 lost=0 refused=0 problems=()
for i in "${!stories[@]}"; do
  id=$(printf 'soak-%02d-%s' "$i" "$(name "${stories[$i]}")"); id="${id:0:64}"
  dir="$work/soak/$id"
  # who got the run id: the run whose story the manifest names; with a clash the other must be refused
  winner="" winners=0
  for k in "${!ids[@]}"; do
    [ "${ids[$k]}" = "$id" ] || continue
    if [ "${codes[$k]}" -eq 0 ]; then winner="${files[$k]}"; winners=$((winners + 1))
    elif [ "${codes[$k]}" -eq 2 ] && grep -q "already exists with other settings" "${logs[$k]}"; then
      refused=$((refused + 1))
    else
      problems+=("$id: $(basename "${logs[$k]}") exited ${codes[$k]}")
    fi
  done
  if [ "$winners" -ne 1 ] || [ ! -f "$dir/manifest.json" ]; then
    lost=$((lost + 1)); problems+=("$id: $winners runs succeeded, manifest $( [ -f "$dir/manifest.json" ] && echo present || echo missing)"); continue
  fi
  solo="$work/solo/solo-$(name "$winner")"
  if [ "$(jq -r .input.sha256 "$dir/manifest.json")" != "$(sha_of "$winner")" ]; then
    mixed=$((mixed + 1)); problems+=("$id: the manifest names another story than the run that succeeded"); continue
  fi
  if [ "$(jq -r '[.stages[] | .status] | all(. == "DONE")' "$dir/manifest.json")" != true ] || [ ! -f "$dir/report.html" ]; then
    lost=$((lost + 1)); problems+=("$id: not every stage is done, or no report"); continue
  fi
  if [ "$(outputs "$dir")" != "$(outputs "$solo")" ]; then
    missing=$(diff <(outputs "$dir") <(outputs "$solo") | grep '^[<>]' | head -3 | tr '\n' ' ' || true)
    lost=$((lost + 1)); problems+=("$id: its files are not the solo run's: $missing"); continue
  fi
  differ=""
  while read -r f; do cmp -s "$dir/$f" "$solo/$f" || differ="$differ $f"; done < <(outputs "$dir")
  if [ -n "$differ" ]; then mixed=$((mixed + 1)); problems+=("$id: differs from its solo run in$differ"); fi
done

n=${#stories[@]}
echo
printf 'soak: %d runs (+%d clashing) of different stories into one store on %d cores, at most %d in flight\n' \
  "$n" "$clashes" "$(nproc)" "$in_flight_max"
printf 'soak: wall %.1f s, %.2f runs per minute\n' "$wall" "$(echo "$n * 60 / $wall" | bc -l)"
printf 'soak: clashing runs refused: %d of %d\n' "$refused" "$clashes"
printf 'soak: mixed %d, lost %d (each run against a solo run of its story; logs in %s/logs)\n' "$mixed" "$lost" "$work"
for p in "${problems[@]}"; do echo "  $p"; done
[ "$mixed" -eq 0 ] && [ "$lost" -eq 0 ] && [ "$refused" -eq "$clashes" ]
