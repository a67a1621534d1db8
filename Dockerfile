# One image for the whole stack; docker-compose.yml picks the service with `command`.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages packages
COPY services services
RUN npm ci --no-audit --no-fund && npx turbo run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
COPY scripts/docker-entrypoint.sh /usr/local/bin/causeflow-entrypoint
RUN mkdir -p /var/lib/causeflow && chown node:node /var/lib/causeflow
USER node
ENTRYPOINT ["causeflow-entrypoint"]
CMD ["node", "services/gateway/dist/main.js"]
