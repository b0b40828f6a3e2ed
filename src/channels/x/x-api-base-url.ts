/** X API v2, as X serves it; X_API_URL points Earshot at an emulator instead. */
export const X_API_BASE_URL = 'https://api.x.com/2/';
