#!/usr/bin/env bash
# Times a DDPM training step (forward + backward + Adam) of the SD-1.x-shaped UNet at 64×64
# latents, batch 2, on the first CUDA device DJL finds. Without CUDA it times the mini config
# on CPU and says so loudly. Run from the repository root:
#   src-native/gpu-check.sh                 # default (CPU libtorch) build
#   CUDA=1 src-native/gpu-check.sh          # builds with -Pcuda: pytorch-native-cu124 2.5.1 (DJL 0.33),
#                                           # a 2.4 GB jar Maven must be able to fetch (GPU image build)
#   src-native/gpu-check.sh --config mini --batch 32 --steps 5   # extra args go to GpuCheck
# Alternatively point DJL at an installed CUDA libtorch: PYTORCH_LIBRARY_PATH=/path/to/torch/lib
# PYTORCH_VERSION=<its version> (DJL then skips the bundled native jar).
set -euo pipefail
cd "$(dirname "$0")/.."
PROFILE=()
if [[ "${CUDA:-0}" == "1" ]]; then PROFILE=(-Pcuda); fi
./mvnw -B -q "${PROFILE[@]}" -pl src-native -am package -DskipTests
CP_FILE="$PWD/src-native/target/gpu-check.classpath"
./mvnw -B -q "${PROFILE[@]}" -pl src-native dependency:build-classpath -Dmdep.outputFile="$CP_FILE" >/dev/null
# the library has no main methods: compile the one-file launcher (src-native/launch/) beside the classes
javac -d src-native/target/launch -cp src-native/target/classes src-native/launch/GpuCheckLauncher.java
exec java -Xmx16g -Dai.djl.offline=true -cp "src-native/target/launch:src-native/target/classes:$(cat "$CP_FILE")" GpuCheckLauncher "$@"
