# syntax=docker/dockerfile:1
# The proxy's image: built with the Maven wrapper, run from Spring Boot's extracted layers
# on a pinned Java 17 JRE as a non-root user, with a class-data-sharing archive made at
# build time (ready in about 4 s instead of 6.5 s on two Intel Xeon cores; docs/performance.md).
#   docker build --build-arg REVISION=$(git rev-parse HEAD) --build-arg CREATED=$(date -u +%FT%TZ) \
#     -t agora-push-proxy:0.1.0 .
#   docker build --build-arg JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-alpine@sha256:<digest> -t agora-push-proxy:alpine .
#
# Both base images are pinned by digest: a tag can be moved to other content, a digest
# cannot. The tag stays in front of the digest (and in the comment) for people and for
# update bots; Docker pulls by the digest alone. To move to a new tag, resolve its digest
# where a registry is reachable and replace both (docs/operations.md, "Supply chain"):
#   docker buildx imagetools inspect eclipse-temurin:<tag>     (the "Digest:" line)
#   crane digest eclipse-temurin:<tag>
# The digests below are the multi-platform index digests published for these tags.

# eclipse-temurin:17.0.15_6-jdk (on Linux the Ubuntu 24.04 "noble" image; the build stage only)
ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk@sha256:324122d7274b03f0b0ea58b46c4dbea15f1861a1d543547b6bc9c076ac730b9f
# eclipse-temurin:17.0.15_6-jre-noble (the runtime image)
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-noble@sha256:8e90405bb240121ab38c76aa9e74627d4bd194a12dcc2ec13bd7ce1917f6d2fb

FROM ${JDK_IMAGE} AS build
# The Maven wrapper checks the SHA-256 of the Maven zip it downloads (distributionSha256Sum);
# without unzip it would fetch the tar.gz instead, whose sum differs, and refuse it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends unzip \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# Dependencies first, so source changes reuse this layer.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src src
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q package -Dmaven.test.skip=true \
 && java -Djarmode=tools -jar target/agora-push-proxy-*.jar extract --layers --destination /extracted \
      --application-filename app.jar

FROM ${JRE_IMAGE}
# Provenance: the commit the image was built from, on the image (OCI labels) and at
# /actuator/info on the management port (info.image.*), since .git is not in the context.
ARG REVISION=unknown
ARG CREATED=unknown
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="agora-push-proxy" \
      org.opencontainers.image.description="Backend-for-frontend for Agora Chat's offline-push REST API" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.version="${VERSION}"
WORKDIR /app
# One layer per kind of change: dependencies rarely, the application on every build.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
# Container-aware memory: the heap follows the container's limit, and an OOM ends the
# process so the orchestrator restarts it. The serial collector is what the JVM picks by
# itself with one CPU; pinned, a two-CPU pod keeps its small footprint too (G1's own
# structures were 40 MB of a 300 MB process). Override with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081 \
    INFO_IMAGE_REVISION=${REVISION} \
    INFO_IMAGE_CREATED=${CREATED} \
    INFO_IMAGE_VERSION=${VERSION}
# A training start (the context refreshes, then exits) records the classes it loaded into
# app.jsa; the same JRE and class path map them at every start. Its settings are in
# src/main/docker/cds-training.args, which bench/run.sh uses too; mounted for this step
# only, so it is not in the image.
RUN --mount=type=bind,source=src/main/docker/cds-training.args,target=/tmp/cds-training.args \
    java -XX:ArchiveClassesAtExit=app.jsa @/tmp/cds-training.args \
 && chmod 444 app.jsa
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-jar", "app.jar"]
