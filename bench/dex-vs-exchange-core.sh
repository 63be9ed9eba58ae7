#!/bin/sh
# Side-by-side benchmark of the Pixie DEX engine and exchange-core 0.5.3 (see BENCHMARKS.md).
# Build first: ./mvnw -B -q -pl bench package
# Options (defaults = the issue's sizes): --commands 3000000 --users 10000 --book 1000 --seed 42
#   --warmup 1 --rounds 3 --check-prefix 300000 --heap-orders 1000000 (0 = skip) --heap-levels 5000
#   --ring 65536 --wait YIELDING --only core|engine
# Extra JVM options: JAVA_OPTS="-Xmx4g" bench/dex-vs-exchange-core.sh ...
set -e
here=$(cd "$(dirname "$0")" && pwd)
# exchange-core's Chronicle and Agrona dependencies reach into JDK internals: open them (JDK 17).
exec java \
  --add-opens java.base/java.lang=ALL-UNNAMED \
  --add-opens java.base/java.lang.reflect=ALL-UNNAMED \
  --add-opens java.base/java.io=ALL-UNNAMED \
  --add-opens java.base/java.nio=ALL-UNNAMED \
  --add-opens java.base/java.util=ALL-UNNAMED \
  --add-opens java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
  --add-opens java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
  --add-exports java.base/jdk.internal.ref=ALL-UNNAMED \
  --add-exports java.base/sun.nio.ch=ALL-UNNAMED \
  --add-exports jdk.unsupported/sun.misc=ALL-UNNAMED \
  ${JAVA_OPTS} \
  -cp "$here/target/benchmarks.jar" io.txnchain.bench.dex.DexVsExchangeCore "$@"
