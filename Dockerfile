# syntax=docker/dockerfile:1
# The proxy's image: built with the Maven wrapper, run from Spring Boot's extracted layers
# on a pinned Java 17 JRE as a non-root user.
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
 && java -Djarmode=tools -jar target/agora-push-proxy-*.jar extract --layers --launcher --destination /extracted

FROM ${JRE_IMAGE}
WORKDIR /app
# One layer per kind of change: dependencies rarely, the application on every build.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./
USER 10001:10001
EXPOSE 8080 8081
# Container-aware memory: the heap follows the container's limit, and an OOM ends the
# process so the orchestrator restarts it. Override with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError" \
    SERVER_PORT=8080 \
    MANAGEMENT_SERVER_PORT=8081
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
