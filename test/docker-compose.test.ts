import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface HealthChecked {
  healthcheck: { test: string[] };
}

/** The parts of the compose file these tests read. */
interface Compose {
  volumes: Record<string, unknown>;
  services: {
    postgres: HealthChecked & { image: string; volumes: string[] };
    earshot: HealthChecked & {
      build: string;
      deploy: { replicas: number };
      depends_on: unknown;
      env_file: string;
      environment: { DATABASE_URL: string };
      ports?: unknown;
    };
  };
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8')) as Compose;

describe('docker-compose.yml', () => {
  it('runs PostgreSQL 16 on a named volume, with a health check', () => {
    const postgres = compose.services.postgres;
    expect(postgres.image).toBe('postgres:16');
    const [volume] = String(postgres.volumes[0]).split(':');
    expect(compose.volumes).toHaveProperty(volume!);
    expect(postgres.healthcheck.test.join(' ')).toContain('pg_isready');
  });

  it('runs two Earshot replicas built from the Dockerfile on that database, started once it is healthy, settings from .env', () => {
    const earshot = compose.services.earshot;
    expect(earshot.build).toBe('.');
    expect(earshot.deploy.replicas).toBe(2);
    expect(earshot.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(earshot.env_file).toBe('.env');
    expect(earshot.environment.DATABASE_URL).toMatch(/^postgresql:\/\/earshot:.*@postgres:5432\/earshot$/);
    // Two replicas cannot both bind one host port.
    expect(earshot.ports).toBeUndefined();
    expect(earshot.healthcheck.test.join(' ')).toContain('/healthz');
  });
});
