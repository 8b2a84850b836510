# Builds the Vigil image used by k8s-manifests/: first the jar, then a JRE-only runtime.
#   docker build -t vigil:0.1.0 .
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
# jemalloc returns memory RocksDB frees to the system promptly (as bin/vigil preloads it when installed).
RUN apt-get update && apt-get install -y --no-install-recommends libjemalloc2 && rm -rf /var/lib/apt/lists/* \
    && ln -s "$(ls /usr/lib/*-linux-gnu/libjemalloc.so.2)" /usr/local/lib/libjemalloc.so.2
RUN useradd --system --uid 65534 --no-create-home vigil || true
COPY --from=build /src/server/target/vigil.jar /opt/vigil/vigil.jar
USER 65534
WORKDIR /vigil
EXPOSE 9090
# Fewer malloc arenas keep memory freed by RocksDB from staying resident in many of them (as bin/vigil does).
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 \
    LD_PRELOAD=/usr/local/lib/libjemalloc.so.2 \
    MALLOC_CONF=background_thread:true,dirty_decay_ms:1000,muzzy_decay_ms:0,narenas:2
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-Xms32m", "-XX:MaxNewSize=16m", "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40", "-XX:MaxRAMPercentage=75", "-jar", "/opt/vigil/vigil.jar"]
CMD ["server", "--storage.tsdb.path=/vigil/data"]
