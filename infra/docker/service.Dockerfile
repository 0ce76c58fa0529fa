# One image recipe for every parkmatch service; docker-compose.yml builds it once per service:
#
#   docker build -f infra/docker/service.Dockerfile --build-arg SERVICE=leads --build-arg PORT=3001 .
#
# The services run straight from TypeScript source (`node src/main.ts`, Node 24 strips types).
# Node refuses to strip types under node_modules, so the image keeps the workspace layout:
# packages/* and services/<SERVICE> stay source folders at /app, and pnpm's node_modules holds
# symlinks into them (node resolves those to their real paths, outside node_modules).
# That is why there is no `pnpm deploy` here: it would copy the workspace packages into node_modules.
# Plain Dockerfile syntax (no BuildKit-only features), so the legacy builder works as well.

ARG NODE_IMAGE=node:24-bookworm-slim

# ---- build: install the service's production dependencies, workspace layout intact ----
FROM ${NODE_IMAGE} AS build
ARG PNPM_VERSION=10.34.9
ENV CI=true
RUN npm install --global --no-audit --no-fund --loglevel=error "pnpm@${PNPM_VERSION}"

# Registry downloads depend on the lockfile only: this layer stays cached until it changes.
# Fetched in a side folder, so that only what the service needs is linked into /app below.
WORKDIR /tmp/fetch
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch --prod

WORKDIR /app
COPY . .
ARG SERVICE
RUN if [ -z "${SERVICE}" ] || [ ! -f "services/${SERVICE}/package.json" ]; then \
      echo "build arg SERVICE must name a folder under services/ (got '${SERVICE}')" >&2; exit 1; \
    fi
# `@parkmatch/<SERVICE>...`: the service and the workspace packages it depends on, nothing else.
RUN pnpm install --frozen-lockfile --offline --prod --filter "@parkmatch/${SERVICE}..."

# ---- runtime: source + node_modules, no pnpm, no build tools ----
FROM ${NODE_IMAGE} AS runtime
ARG SERVICE
# The port the service listens on (PORT); each service has its own (see docker-compose.yml).
ARG PORT
RUN if [ -z "${PORT}" ]; then echo "build arg PORT is required" >&2; exit 1; fi
ENV NODE_ENV=production \
    PARKMATCH_ENV=production \
    HOST=0.0.0.0 \
    PORT=${PORT}

WORKDIR /app
# Owned by root and read-only for the service user: the process cannot rewrite its own code.
COPY --from=build /app/package.json /app/pnpm-workspace.yaml ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/services/${SERVICE} ./services/${SERVICE}

WORKDIR /app/services/${SERVICE}
# The only writable place: DATA_DIR's default (.data/<service>) when run with STORE=sqlite.
RUN mkdir -p .data && chown 1000:1000 .data

# 1000 is the `node` user of the official Node images (numeric, so runAsNonRoot can verify it).
USER 1000:1000
EXPOSE ${PORT}
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "src/main.ts"]
