# syntax=docker/dockerfile:1
# llm-cache-server image: built with the Maven wrapper, run on a Temurin 21 JRE as a non-root
# user, data (SQLite database and backups) in the /data volume.
#   docker build -t llm-cache-server .
#   docker run -p 127.0.0.1:8080:8080 -v llm-cache-data:/data \
#     -e CACHE_SECURITY_ALLOWANONYMOUS=true llm-cache-server        (or configure tokens)

FROM eclipse-temurin:21-jdk-noble AS build
WORKDIR /workspace
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
# The pom packages the default pricing table from config/ into the jar.
COPY config/pricing.yml config/pricing.yml
# The cache mount keeps the wrapper's Maven and the local repository between builds.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -B -DskipTests package

# The Ubuntu-based Temurin images ship curl, which the health check uses.
FROM eclipse-temurin:21-jre-noble
RUN groupadd --system --gid 10001 llmcache \
 && useradd --system --uid 10001 --gid llmcache --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin llmcache \
 && mkdir -p /app /data \
 && chown llmcache:llmcache /data
WORKDIR /app
COPY --from=build /workspace/target/llm-cache-server.jar /app/llm-cache-server.jar

# Environment rather than command-line arguments, so that `docker run -e` can override them.
# Listening on every interface needs tokens (cache.security.tokens) or, on purpose,
# CACHE_SECURITY_ALLOWANONYMOUS=true: without either the server refuses to start.
# MALLOC_ARENA_MAX=2: fewer glibc malloc arenas for SQLite's and zstd's native memory (docs/operations.md, "Memory").
ENV SERVER_ADDRESS=0.0.0.0 \
    SERVER_PORT=8080 \
    CACHE_DATADIR=/data \
    MALLOC_ARENA_MAX=2

VOLUME /data
EXPOSE 8080
USER 10001:10001

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${SERVER_PORT}/actuator/health" || exit 1

# The heap at 40 % of the container's memory limit: the server needs some 250-300 MB besides its heap
# (docs/operations.md, "Memory"). JAVA_TOOL_OPTIONS=-Xmx... sets it instead.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=40", "-XX:+UseParallelGC", "-jar", "/app/llm-cache-server.jar"]
