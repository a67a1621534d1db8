# syntax=docker/dockerfile:1
# One image for the whole stack; docker-compose.yml picks the service with `command`.
# Layers: the dependency install depends only on the package manifests and the lock file (turbo
# prune --docker), so a source edit rebuilds from the sources onwards and never reruns npm ci.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS pruner
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN npm install -g turbo@^2.11.11 --no-audit --no-fund
COPY . .
RUN turbo prune @causeflow/gateway @causeflow/normalizer @causeflow/triage @causeflow/notifier --docker

FROM ${NODE_IMAGE} AS builder
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
# Manifests only: this layer (npm ci) is cached until a package.json or the lock file changes.
COPY --from=pruner /app/out/json/ .
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY --from=pruner /app/out/full/ .
COPY turbo.json tsconfig.base.json ./
RUN npm run generate -w @causeflow/db && npx turbo run build \
  && npm prune --omit=dev --no-audit --no-fund \
  # What runs: each workspace's package.json and dist, the migrations and their runner, production node_modules.
  && mkdir -p /release \
  && for dir in packages/* services/*; do mkdir -p "/release/$dir" && cp "$dir/package.json" "/release/$dir/" && cp -r "$dir/dist" "/release/$dir/"; done \
  && cp -r packages/db/prisma packages/db/scripts /release/packages/db/ \
  && cp -r node_modules package.json /release/

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=builder /release /app
COPY scripts/docker-entrypoint.sh /usr/local/bin/causeflow-entrypoint
RUN mkdir -p /var/lib/causeflow /var/lib/causeflow/sns-certs && chown -R node:node /var/lib/causeflow
USER node
ENTRYPOINT ["causeflow-entrypoint"]
CMD ["node", "services/gateway/dist/main.js"]
