export function startLocalDurableStreamsServer() {
  throw new Error('`prisma dev` is not available in Earshot: it uses its own PGlite or PostgreSQL database (see README, "Development").');
}
