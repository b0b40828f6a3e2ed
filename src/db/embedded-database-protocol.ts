import { z } from 'zod';

/** What the main thread tells the embedded database worker when starting it. */
export const embeddedWorkerData = z.object({
  /** PGlite's data directory, or `memory://…`. */
  dataDir: z.string(),
  /** A prepared (initdb'd) data directory copied into an empty `dataDir`; absent → PGlite runs initdb. */
  templateDir: z.string().optional(),
});
export type EmbeddedWorkerData = z.infer<typeof embeddedWorkerData>;

/** What the worker answers. */
export type EmbeddedWorkerMessage = { type: 'listening'; port: number } | { type: 'failed'; message: string } | { type: 'stopped' };
