# gridauth node image. Build: docker build -t gridauth .
# Run:   docker run -v gridauth-data:/data -p 4001:4001 gridauth start --bootstrap <introducer multiaddr>
# The build stage runs the same commands as README.md (npm ci, npm run build).
FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY src ./src
COPY bench ./bench
COPY test ./test
RUN npm run build && npm prune --omit=dev

FROM node:22-slim
# /data: one node's data directory; /net: the shared volume of docker-compose.yml's local mesh.
RUN groupadd --system gridauth && useradd --system --gid gridauth --home-dir /data gridauth \
  && mkdir -p /data /net && chown gridauth:gridauth /data /net && chmod 700 /data
WORKDIR /opt/gridauth
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY bin ./bin
COPY protocols ./protocols
COPY bootstrap ./bootstrap
ENV GRIDAUTH_DATA=/data PATH=/opt/gridauth/bin:$PATH
USER gridauth
VOLUME ["/data"]
EXPOSE 4001
HEALTHCHECK --interval=30s --timeout=5s --retries=3 CMD ["/opt/gridauth/bin/gridauth", "status"]
ENTRYPOINT ["/opt/gridauth/bin/gridauth"]
CMD ["start", "--listen", "/ip4/0.0.0.0/tcp/4001"]
