# syntax=docker/dockerfile:1
# The proxy's image: built with the Maven wrapper, run from Spring Boot's extracted layers
# on a pinned Java 17 JRE as a non-root user, with a class-data-sharing archive made at
# build time (ready in about 4 s instead of 6.5 s on two cores; docs/performance.md).
#   docker build -t agora-push-proxy:0.1.0 .
#   docker build --build-arg JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-alpine -t agora-push-proxy:alpine .

ARG JDK_IMAGE=eclipse-temurin:17.0.15_6-jdk-noble
ARG JRE_IMAGE=eclipse-temurin:17.0.15_6-jre-noble

FROM ${JDK_IMAGE} AS build
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
    MANAGEMENT_SERVER_PORT=8081
# A training start (the context refreshes, then exits) records the classes it loaded into
# app.jsa; the same JRE and class path map them at every start. The settings are
# placeholders that only need to pass validation; nothing is called.
RUN java -XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar app.jar \
      --agora.base-url=https://127.0.0.1:9 --agora.org-name=cds --agora.app-name=cds \
      --agora.app-id=00000000000000000000000000000000 --agora.app-certificate=00000000000000000000000000000000 \
      --proxy.security.jwt.secret=cds-training-only-0000000000000000000000 \
 && chmod 444 app.jsa
USER 10001:10001
EXPOSE 8080 8081
ENTRYPOINT ["java", "-XX:SharedArchiveFile=app.jsa", "-jar", "app.jar"]
