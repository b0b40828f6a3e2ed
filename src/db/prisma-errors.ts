import { Prisma } from '../generated/prisma/client.js';

/** True when a write lost a race to a unique constraint: the row it wanted to create exists. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
