import type { ApiRoute } from './api/route.js';

export interface RouteMatch {
  route: ApiRoute;
  params: Record<string, string>;
}

/** Matches request method and path against OpenAPI-style templates (`/2/tweets/{id}`). */
export class Router {
  private compiled: { route: ApiRoute; pattern: RegExp; names: string[] }[];

  constructor(routes: readonly ApiRoute[]) {
    this.compiled = routes.map((route) => {
      const names: string[] = [];
      const source = route.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      });
      return { route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(method: string, path: string): RouteMatch | undefined {
    for (const { route, pattern, names } of this.compiled) {
      if (route.method !== method) continue;
      const found = pattern.exec(path);
      if (!found) continue;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { route, params };
    }
    return undefined;
  }
}

export const endpointKey = (route: Pick<ApiRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;
