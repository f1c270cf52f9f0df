# syntax=docker/dockerfile:1
#
# Lectern as a container: the production jar (no embedded PostgreSQL or s3proxy), so
# DATABASE_URL and S3_ENDPOINT must be given; docker-compose.yml does that.

# ---- build ------------------------------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps ~/.m2 between builds, so a code change does not download the world again.
# (dependency:go-offline does not work here: it cannot resolve the reactor's own modules.)
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -Pproduction -DskipTests package

# ---- run --------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre
# A fixed, unprivileged user: nothing in the process needs root, and volumes get predictable owners.
RUN groupadd --system --gid 10001 lectern \
 && useradd --system --uid 10001 --gid lectern --home-dir /app --no-create-home lectern \
 && mkdir -p /app/.lectern-data \
 && chown -R lectern:lectern /app
WORKDIR /app
COPY --from=build --chown=lectern:lectern /src/platform/target/lectern.jar /app/lectern.jar
USER lectern

ENV PORT=8080 \
    LECTERN_DATA_DIR=/app/.lectern-data
EXPOSE 8080

# Readiness = the kill-switch dependencies (event log). The JRE image has no curl, so ask over
# bash's /dev/tcp: healthy when /actuator/health/readiness answers 200 (it answers 503 when DOWN).
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-8080} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

# Heap sized from the container's memory limit, not the host's. Extra flags: JAVA_TOOL_OPTIONS.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/lectern.jar"]
