export interface MemoryFigures {
  peakRssMiB: number;
  heapUsedMiB: number;
}

const mib = 1024 * 1024;

/** Peak resident memory of the whole process so far (Earshot, both emulators, PGlite) and the heap now. */
export function memoryFigures(): MemoryFigures {
  return { peakRssMiB: (process.resourceUsage().maxRSS * 1024) / mib, heapUsedMiB: process.memoryUsage().heapUsed / mib };
}
