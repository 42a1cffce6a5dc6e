#!/usr/bin/env bash
# Packs the GPU check for a CUDA machine that has no Maven and no network but a Python PyTorch
# with CUDA, cmake and a C++ compiler (the lent device machines). DJL's JNI must match the
# libtorch it loads, so the bundle carries DJL's JNI sources and run.sh compiles them there
# against the installed torch (about 1 minute on 16 cores), then runs GpuCheck.
#   src-native/gpu-bundle.sh <DJL source checkout at v0.36.0> [out dir, default target/gpu-bundle]
#   then on the GPU machine: bash <out dir>/run.sh [GpuCheck args]   (prints the RESULT line)
# The bundle is ~37 MB: a jlink'd Java 17 runtime (xz), the jars GpuCheck needs, the JNI sources.
set -euo pipefail
cd "$(dirname "$0")/.."
DJL=${1:?"usage: $0 <DJL source checkout (git tag v0.36.0)> [out dir]"}
OUT=$(realpath -m "${2:-target/gpu-bundle}")
[[ -f "$DJL/engines/pytorch/pytorch-native/CMakeLists.txt" ]] || { echo "$DJL is not a DJL source checkout" >&2; exit 2; }
rm -rf "$OUT" && mkdir -p "$OUT/lib" "$OUT/djl"
./mvnw -B -q -pl src-native -am package -DskipTests
./mvnw -B -q -pl src-native dependency:build-classpath -Dmdep.outputFile="$OUT/cp.txt" >/dev/null
# GpuCheck needs DJL + PyTorch engine/JNI, not the bundled CPU libtorch, ONNX Runtime or test jars
tr ':' '\n' <"$OUT/cp.txt" | grep -v -e onnxruntime -e minilm -e pytorch-native-cpu -e tokenizers -e junit \
  -e opentest4j -e apiguardian | xargs -I{} cp {} "$OUT/lib/" && rm "$OUT/cp.txt"
(cd src-native/target/classes && find lemon -name '*.class' >"$OUT/classes.txt" \
  && jar cf "$OUT/lib/src-native-classes.jar" @"$OUT/classes.txt") && rm "$OUT/classes.txt"
# the library has no main methods: the bundle runs the one-file launcher from src-native/launch/
javac --release 17 -d "$OUT/launch" -cp src-native/target/classes src-native/launch/GpuCheckLauncher.java \
  && jar cf "$OUT/lib/gpu-check-launcher.jar" -C "$OUT/launch" . && rm -rf "$OUT/launch"
JDK=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
"$JDK/bin/jlink" --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.xml,jdk.unsupported \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$OUT/jre"
cp -r "$JDK/include" "$OUT/jre/include" # for CMake's FindJNI when the JNI is compiled there
(cd "$OUT" && tar cJf jre.tar.xz jre && rm -rf jre)
N=engines/pytorch/pytorch-native
mkdir -p "$OUT/djl/$N" "$OUT/djl/api/src/main" "$OUT/djl/$N/build/include"
cp -r "$DJL/$N/CMakeLists.txt" "$DJL/$N/src" "$OUT/djl/$N/" && cp -r "$DJL/api/src/main/native" "$OUT/djl/api/src/main/"
javac -h "$OUT/djl/$N/build/include" -d "$OUT/jni-classes" -cp "$OUT/lib/*" \
  "$DJL/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java" && rm -rf "$OUT/jni-classes"
cat >"$OUT/run.sh" <<'RUN'
#!/usr/bin/env bash
# Compiles DJL's JNI against this machine's Python PyTorch, then runs GpuCheck with it.
set -uo pipefail
cd "$(dirname "$0")"; B=$PWD; W=$(mktemp -d)
tar xJf jre.tar.xz -C "$W"
TL=$(python3 -c 'import torch,os;print(os.path.dirname(torch.__file__)+"/lib")')
echo "python torch $(python3 -c 'import torch;print(torch.__version__)') at $TL"; nvidia-smi -L || true
(cd djl/engines/pytorch/pytorch-native/build && cmake .. -G Ninja -DCMAKE_BUILD_TYPE=Release -DUSE_CUDA=1 \
   -DCMAKE_PREFIX_PATH="$(python3 -c 'import torch;print(torch.utils.cmake_prefix_path)')" \
   -DJAVA_HOME="$W/jre" -DCMAKE_POLICY_VERSION_MINIMUM=3.5 >"$W/build.log" 2>&1 && ninja >>"$W/build.log" 2>&1) \
  || { tail -40 "$W/build.log"; exit 3; }
# DJL looks for <version>-libdjl_torch.so beside libtorch before anything else; the version it
# reports is the one named here, not the Python torch's.
cp djl/engines/pytorch/pytorch-native/build/libdjl_torch.so "$TL/0.36.0-libdjl_torch.so"
PYTORCH_LIBRARY_PATH=$TL PYTORCH_VERSION=2.7.1 PYTORCH_FLAVOR=cu128 \
  "$W/jre/bin/java" -Xmx16g -cp "$B/lib/*" GpuCheckLauncher "$@"
RUN
chmod +x "$OUT/run.sh"
du -sh "$OUT"
