/** Bluesky's own PDS entryway; BLUESKY_SERVICE points Earshot at another PDS or an emulator instead. */
export const BLUESKY_SERVICE_URL = 'https://bsky.social';
