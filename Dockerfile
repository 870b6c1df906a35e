# syntax=docker/dockerfile:1
# One image for every Cascade process: metering, rating, invoicing, `migrate <service>`
# and the OpenStack adapter, chosen by the command (deploy/image/cascade.cjs).
#
#   npm ci && podman build -t cascade:0.1.0 .          (docker build works the same)
#
# The build takes the dependencies installed in the build context, so nothing is
# fetched inside it (no registry, no certificates, no compiler) and the native
# better-sqlite3 addon is the one built on a bookworm host like the runtime.
# NODE_IMAGE: any Debian bookworm image with Node 20 at /usr/local/bin and a user
# `node` (1000); deploy/image/node-base.sh makes one where no registry is reachable.
ARG NODE_IMAGE=docker.io/library/node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Only what runs is kept: the development tools (nx, eslint, buf, jest, ...) are
# pruned in the same step, so the full node_modules never becomes a layer.
RUN --mount=type=bind,source=node_modules,target=/context/node_modules \
    cp -a /context/node_modules ./node_modules \
 && npm prune --omit=dev --ignore-scripts --offline --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY libs ./libs
COPY apps ./apps
COPY deploy/image ./deploy/image
# TypeScript to JavaScript once, here, so that a container starts without compiling.
RUN node deploy/image/compile.cjs dist

FROM ${NODE_IMAGE} AS runtime
# Listen on every interface; SQLite (when DATABASE_URL is unset) under the /data volume.
ENV NODE_ENV=production \
    NO_COLOR=1 \
    CASCADE_HOST=0.0.0.0 \
    CASCADE_DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/deploy/image/cascade.cjs ./deploy/image/cascade.cjs
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
# gRPC (metering, rating, invoicing) and their Prometheus metrics.
EXPOSE 50051 50052 50053 9091 9092 9093
ENTRYPOINT ["node", "/app/deploy/image/cascade.cjs"]
CMD ["help"]
