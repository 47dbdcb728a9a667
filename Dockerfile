# Presswatch API and workers. Node 24 LTS on Debian, with Debian's Chromium for pages that need a
# browser and for PDF reports (Playwright drives it; no browser is downloaded).
# The dashboard is built here, once, with the dev dependencies; the image keeps only the result.
FROM node:24-bookworm-slim AS dashboard
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web ./web
COPY src ./src
RUN npm run build:web

FROM node:24-bookworm-slim

RUN apt-get update \
 && apt-get install -y --no-install-recommends chromium fonts-noto-core ca-certificates tini \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY src ./src
COPY workers ./workers
COPY cli ./cli
COPY demo ./demo
COPY api ./api
COPY --from=dashboard /app/api/public ./api/public
COPY config ./config
COPY tools/services ./tools/services

# The code stays root's (the process cannot change it); what the process writes is its own: raw
# HTML snapshots under DATA_DIR, reports under REPORTS_DIR. A new named volume mounted on /data takes
# this ownership, so the folders must exist here, before VOLUME.
RUN install -d -o node -g node /data /data/snapshots /data/reports
ENV NODE_ENV=production \
    CHROMIUM_PATH=/usr/bin/chromium \
    DATA_DIR=/data \
    REPORTS_DIR=/data/reports \
    HOST=0.0.0.0 \
    PORT=8080
VOLUME ["/data"]
USER node
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "node", "bin/presswatch.js"]
CMD ["api"]
