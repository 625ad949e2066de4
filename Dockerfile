# Workers, server and the deploy step share one image; docker-compose.yml picks the command.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# tsc into dist/ and the modeler's browser bundle into dist/modeler/dist (esbuild stays in this stage).
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY --from=build /app/dist ./dist
# Runtime files that the compiled code reads next to itself (the modeler bundle came with dist/).
# .ci/run lays this stage out without Docker (scripts/check-production.ts follows these lines).
COPY bpmn ./dist/bpmn
COPY forms ./dist/forms
COPY calendar ./calendar
COPY editions ./dist/editions
COPY store/migrations ./dist/store/migrations
COPY server/office/public ./dist/server/office/public
USER node
EXPOSE 3000
CMD ["node", "dist/server/main.js"]
