/** Meta's Graph API; META_GRAPH_URL points Earshot at another version or an emulator instead. */
export const META_GRAPH_URL = 'https://graph.facebook.com/v21.0';
