// Messages between the main thread and the embedded database's worker: both sides are Earshot's
// own code, so plain types (zod would add megabytes to the worker's own heap).

/** What the main thread gives the embedded database worker when starting it. */
export interface EmbeddedWorkerData {
  /** PGlite's data directory, or `memory://…`. */
  dataDir: string;
  /** A prepared data directory copied into an empty `dataDir`; absent → PGlite runs initdb. */
  templateDir?: string;
}

/** What the worker answers. */
export type EmbeddedWorkerMessage =
  { type: 'listening'; port: number } | { type: 'failed'; message: string } | { type: 'crashed'; message: string } | { type: 'stopped' };
