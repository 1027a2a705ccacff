# endpoint-bridge container: build with Maven, run on a JRE as a non-root user.
# Configuration: environment variables (SYSLOG_TCP_PORT, KAFKA_BOOTSTRAP_SERVERS, ...; see README.md).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
ENV APP_HOME=/opt/endpoint-bridge \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dvertx.cacheDirBase=/tmp/vertx-cache" \
    SYSLOG_UDP_PORT=5514 \
    SYSLOG_TCP_PORT=5514 \
    HTTP_BIND_ADDRESS=0.0.0.0
RUN groupadd --system --gid 10001 bridge \
    && useradd --system --uid 10001 --gid bridge --home-dir /opt/endpoint-bridge --shell /usr/sbin/nologin bridge
WORKDIR /opt/endpoint-bridge
COPY --from=build /build/target/endpoint-bridge.jar target/endpoint-bridge.jar
COPY --from=build /build/target/lib target/lib
COPY bin bin
COPY routes routes
COPY mappings mappings
COPY schemas schemas
COPY application.properties application.properties
RUN mkdir -p data && chown bridge:bridge data
# checks the shipped routes and maps, and archives the classes a start loads (class data sharing, see bin/endpoint-bridge)
RUN bin/endpoint-bridge validate
USER bridge
VOLUME ["/opt/endpoint-bridge/data"]
EXPOSE 5514/udp 5514/tcp 8080/tcp 8081/tcp 9092/tcp
# Camel's readiness on the management port (MANAGEMENT_PORT, no token needed), without needing curl in the image
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_PORT:-8081} && printf 'GET /observe/health/ready HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q UP <&3"]
ENTRYPOINT ["/opt/endpoint-bridge/bin/endpoint-bridge"]
CMD ["run"]
